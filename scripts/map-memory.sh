#!/usr/bin/env bash
# Peak resident memory of the dashboard with the map shown: starts it in tmux at 200x60, opens
# the map, cycles every measure, moves, resizes to 120x40 and 80x24, and prints VmHWM.
# Usage: scripts/map-memory.sh [binary]   (target: 12 MB for the static build)
set -euo pipefail
bin=${1:-.build/debug/stp-dash}
sock="stp-mapmem-$$"
T="tmux -L $sock -f /dev/null"
trap '$T kill-server 2>/dev/null || true' EXIT
$T new-session -d -s m -x 200 -y 60 "LANG=C.UTF-8 TERM=xterm-256color exec '$bin'"
for _ in $(seq 200); do $T capture-pane -p -t m | grep -q 'League' && break; sleep 0.05; done
pid=$($T list-panes -t m -F '#{pane_pid}')
$T send-keys -t m 5; sleep 0.3
for _ in 1 2 3 4 5 6 7; do $T send-keys -t m m; sleep 0.15; done
for k in Right Up Left Down; do $T send-keys -t m "$k"; sleep 0.1; done
for size in "120 40" "80 24" "200 60"; do
  set -- $size
  $T resize-window -t m -x "$1" -y "$2"; sleep 0.3
done
$T capture-pane -p -t m | grep -q 'Map' || { echo "the map did not show" >&2; exit 1; }
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
echo "peak RSS with the map shown: $((hwm / 1024)).$(( (hwm % 1024) * 10 / 1024 )) MB ($hwm kB; target <= 12 MB static)"
