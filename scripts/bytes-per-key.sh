#!/usr/bin/env bash
# Bytes the dashboard writes to its terminal for one key, as over SSH: runs it in tmux at a size,
# captures its output with pipe-pane, presses the key N times and prints the bytes per press.
# Usage: scripts/bytes-per-key.sh [binary] [key[,key...]] [presses] [WIDTHxHEIGHT] [setup keys]
# Several keys (comma-separated) are pressed in turn: "Right,Left" on the map moves back and
# forth between two neighbours; setup keys ("5" for the map) are pressed before measuring.
set -euo pipefail
bin=${1:-.build/debug/stp-dash}
key=${2:-Down}
presses=${3:-10}
size=${4:-120x40}
setup=${5:-}
w=${size%x*}; h=${size#*x}
sock="stp-bytes-$$"
T="tmux -L $sock -f /dev/null"
out=$(mktemp)
trap '$T kill-server 2>/dev/null || true; rm -f "$out"' EXIT
$T new-session -d -s b -x "$w" -y "$h" "LANG=C.UTF-8 TERM=xterm-256color exec '$bin'"
for _ in $(seq 200); do $T capture-pane -p -t b | grep -q 'League' && break; sleep 0.05; done
for k in $setup; do $T send-keys -t b "$k"; sleep 0.3; done
sleep 0.3
$T pipe-pane -t b -o "cat >> '$out'"
sleep 0.2
before=$(stat -c %s "$out")
IFS=, read -r -a keys <<< "$key"
for i in $(seq 0 $((presses - 1))); do $T send-keys -t b "${keys[$((i % ${#keys[@]}))]}"; sleep 0.15; done
sleep 0.3
after=$(stat -c %s "$out")
total=$((after - before))
echo "bytes per $key at ${w}x${h}${setup:+ after '$setup'}: $((total / presses)) (${total} bytes for ${presses} presses)"
