#!/usr/bin/env bash
# Item 9 of issue 26 as a paired comparison: the tmux probe of scripts/bench-start.sh (the first
# screen showing the league, polled every 1 ms at 120x40), with each dashboard run between two
# `less` runs, so that each round gives the dashboard's gap to `less` on the same minute of the
# same machine. One probe varies by about +-3.5 ms (`less` against `less`, round to round), so
# medians of many rounds say more than any one round. With two binaries, each round runs both,
# and their difference is given round by round too.
# Usage: scripts/bench-start-paired.sh [rounds, default 41] [binary [second binary]]
#   A binary may carry its environment: "env NAME=value /path/to/stp-dash".
set -uo pipefail
rounds=${1:-41}
a=${2:-$(realpath .build-static/release/stp-dash)}
b=${3:-}
work=$(mktemp -d)
T="tmux -L stp-paired-$$ -f /dev/null"
trap '$T kill-server 2>/dev/null; rm -rf "$work"' EXIT
$T new-session -d -s keep "sleep 3600"
${a##* } league > "$work/league.txt"
probe() {  # command pattern -> hundredths of a ms
  $T new-session -d -s p -x 120 -y 40 "date +%s%N > '$work/t0'; LANG=C.UTF-8 TERM=xterm-256color exec $1"
  until $T capture-pane -p -t p 2>/dev/null | grep -q "$2"; do sleep 0.001; done
  local t1; t1=$(date +%s%N)
  echo $(((t1 - $(cat "$work/t0")) / 10000))
  $T kill-session -t p
}
less="less '$work/league.txt'"
for _ in $(seq "$rounds"); do
  row="$(probe "$less" Dorset) $(probe "$a" '1 League') $(probe "$less" Dorset)"
  [ -n "$b" ] && row="$row $(probe "$b" '1 League') $(probe "$less" Dorset)"
  echo "$row"
done > "$work/rows"
python3 - "$work/rows" "$a" "$b" <<'PY'
import statistics, sys
rows = [[int(x) / 100 for x in line.split()] for line in open(sys.argv[1])]
def q(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(p * len(v)))]
less = [r[i] for r in rows for i in range(0, len(r), 2)]
print(f"{len(rows)} rounds; less median {statistics.median(less):.2f} ms")
names = [n for n in sys.argv[2:] if n]
for k, name in enumerate(names):
    i = 2 * k + 1
    gap = [r[i] - (r[i - 1] + r[i + 1]) / 2 for r in rows]
    over = sum(g > 5 for g in gap)
    print(f"{name}: seen median {statistics.median(r[i] for r in rows):.2f} ms; gap to less "
          f"p25 {q(gap, .25):.2f}, median {q(gap, .5):.2f}, p75 {q(gap, .75):.2f} ms; "
          f"rounds over 5 ms: {over}/{len(gap)}")
if len(names) == 2:
    d = [r[3] - r[1] for r in rows]
    print(f"second - first, round by round: p25 {q(d, .25):.2f}, median {q(d, .5):.2f}, "
          f"p75 {q(d, .75):.2f} ms")
PY
