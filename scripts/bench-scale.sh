#!/usr/bin/env bash
# Start and Detail at scale (issue 26): the dashboard on 1M funding rows + 1M partner rows
# (one in ten a council named from 100,000 councils) beside the plain 1M funding rows, in tmux at
# 120x40, interleaved: from the exec to the first screen showing the league, and from Enter on
# the league to Detail on screen. Prints each case's median and worst of N rounds, and the
# whole-process `validate` of both directories.
# Usage: scripts/bench-scale.sh [binary, default .build/release/stp-dash] [rounds, default 5]
#        (stp-bench beside the binary writes the data into /tmp/stp-scale once)
set -uo pipefail
bin=$(realpath "${1:-.build/release/stp-dash}")
rounds=${2:-5}
bench=$(dirname "$bin")/stp-bench
data=/tmp/stp-scale
if [ ! -f "$data/big/councils.csv" ]; then
  mkdir -p "$data"
  "$bench" generate "$data/plain" --funding-rows 1000000 --realistic
  "$bench" generate "$data/big" --funding-rows 1000000 --partner-rows 1000000 --councils 100000 --realistic
fi
work=$(mktemp -d)
T="tmux -L stp-scale-$$ -f /dev/null"
trap '$T kill-server 2>/dev/null; rm -rf "$work"' EXIT
$T new-session -d -s keep "sleep 3600"
ms() { echo $(( ($(date +%s%N) - $1) / 100000 )); }  # tenths of a ms since $1
wait_for() { until $T capture-pane -p -t p 2>/dev/null | grep -q "$1"; do sleep 0.002; done; }
probe() {  # dir detail? -> appends start (and detail) times
  $T new-session -d -s p -x 120 -y 40 "date +%s%N > '$work/t0'; LANG=C.UTF-8 TERM=xterm-256color exec '$bin' --data '$1'"
  wait_for '1 League'
  ms "$(cat "$work/t0")" >> "$work/start-$(basename "$1")"
  if [ "$2" = yes ]; then
    sleep "${SETTLE:-0.5}"  # a user's pause before Enter; the other panes are prepared meanwhile
    local t0; t0=$(date +%s%N)
    $T send-keys -t p Enter
    wait_for 'Detail: Dorset'
    wait_for '(E54000041)'
    ms "$t0" >> "$work/detail"
  fi
  $T kill-session -t p
}
for _ in $(seq "$rounds"); do
  probe "$data/plain" no
  probe "$data/big" yes
done
stat() { sort -n "$1" | awk '{a[NR]=$1} END {printf "median %.0f ms, worst %.0f ms", a[int((NR+1)/2)]/10, a[NR]/10}'; }
echo "first frame, 1M funding rows:                         $(stat "$work/start-plain")"
echo "first frame, + 1M partners, 100,000 councils:          $(stat "$work/start-big")"
echo "Enter to Detail, + 1M partners, 100,000 councils:      $(stat "$work/detail")"
for d in plain big; do
  best=
  for _ in 1 2 3; do
    s=$(date +%s%N); "$bin" validate --data "$data/$d" > /dev/null 2>&1; t=$(ms "$s")
    if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
  done
  printf 'validate %-5s (whole process, best of 3):  %.0f ms\n' "$d" "$(echo "$best / 10" | bc -l)"
done
