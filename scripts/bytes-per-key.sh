#!/usr/bin/env bash
# Bytes the dashboard writes to its terminal for one key, as over SSH: runs it in tmux at a size,
# captures its output with pipe-pane, presses the key N times and prints the bytes per press.
# Usage: scripts/bytes-per-key.sh [binary] [key] [presses] [WIDTHxHEIGHT]
set -euo pipefail
bin=${1:-.build/debug/stp-dash}
key=${2:-Down}
presses=${3:-10}
size=${4:-120x40}
w=${size%x*}; h=${size#*x}
sock="stp-bytes-$$"
T="tmux -L $sock -f /dev/null"
out=$(mktemp)
trap '$T kill-server 2>/dev/null || true; rm -f "$out"' EXIT
$T new-session -d -s b -x "$w" -y "$h" "LANG=C.UTF-8 TERM=xterm-256color exec '$bin'"
for _ in $(seq 200); do $T capture-pane -p -t b | grep -q 'League' && break; sleep 0.05; done
sleep 0.3
$T pipe-pane -t b -o "cat >> '$out'"
sleep 0.2
before=$(stat -c %s "$out")
for _ in $(seq "$presses"); do $T send-keys -t b "$key"; sleep 0.15; done
sleep 0.3
after=$(stat -c %s "$out")
total=$((after - before))
echo "bytes per $key at ${w}x${h}: $((total / presses)) (${total} bytes for ${presses} presses; target <= 300)"
