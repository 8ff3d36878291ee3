#!/usr/bin/env bash
# The dashboard's first frame beside `less`, measured the same way, interleaved (issue 26): in
# tmux at 120x40, from the exec to the first screen showing the league (for less: the first
# lines of a file), polling every 1 ms, and the probe's floor (a shell printing the pattern at
# once). Prints each one's median and best of N rounds.
# Usage: scripts/bench-start.sh [binary, default .build-static/release/stp-dash] [rounds, default 15]
set -uo pipefail
bin=$(realpath "${1:-.build-static/release/stp-dash}")
rounds=${2:-15}
work=$(mktemp -d)
T="tmux -L stp-start-$$ -f /dev/null"
trap '$T kill-server 2>/dev/null; rm -rf "$work"' EXIT
$T new-session -d -s keep "sleep 3600"
"$bin" league > "$work/league.txt"
now() { date +%s%N; }
probe() {  # command pattern [environment] -> tenths of a ms
  $T new-session -d -s p -x 120 -y 40 "date +%s%N > '$work/t0'; LANG=C.UTF-8 TERM=xterm-256color ${3:-} exec $1"
  until $T capture-pane -p -t p 2>/dev/null | grep -q "$2"; do sleep 0.001; done
  local t1; t1=$(now)
  echo $(( (t1 - $(cat "$work/t0")) / 100000 ))  # tenths of a ms
  $T kill-session -t p
}
: > "$work/dash"; : > "$work/less"; : > "$work/floor"
# The probe's own floor: a shell that prints the pattern at once (what tmux, the polling and the
# exec cost whatever the program does). `less` is within a millisecond of it here, so "within
# 5 ms of less" asks the dashboard to show its first frame within about 5 ms of its exec.
printf '#!/bin/sh\nprintf "\\033[?1049h\\033[H 1 League\\n"\nexec sleep 60\n' > "$work/floor.sh"
chmod +x "$work/floor.sh"
for _ in $(seq "$rounds"); do
  probe "'$bin'" '1 League' "STP_DASH_START_LOG='$work/phases'" >> "$work/dash"
  t0=$(cat "$work/t0")
  while read -r phase ns; do echo "$(( (ns - t0) / 100000 ))" >> "$work/phase-$phase"; done < "$work/phases"
  rm -f "$work/phases"
  probe "less '$work/league.txt'" 'Dorset' >> "$work/less"
  probe "'$work/floor.sh'" '1 League' >> "$work/floor"
done
stat() { sort -n "$1" | awk '{a[NR]=$1} END {printf "median %.1f ms, best %.1f ms", a[int((NR+1)/2)]/10, a[1]/10}'; }
echo "stp-dash first frame: $(stat "$work/dash")"
echo "less first screen:    $(stat "$work/less")"
echo "floor (prints at once): $(stat "$work/floor")"
# The two measured in the same round share its load on the machine: the median of each round's
# difference varies less from run to run than the difference of the two medians.
paste -d' ' "$work/dash" "$work/less" | awk '{print $1 - $2}' > "$work/behind"
echo "stp-dash behind less, per round: $(stat "$work/behind" | sed 's/, best.*//')"
# Where the dashboard's time goes (STP_DASH_START_LOG): each phase's end, from before the exec.
for phase in main terminal themes loaded background state first-frame; do
  [ -f "$work/phase-$phase" ] && echo "  $phase done at: $(stat "$work/phase-$phase")"
done
