#!/usr/bin/env bash
# Writes scripts/static-order.txt, the order in which scripts/build-static.sh lays out the static
# build's functions (lld's --symbol-ordering-file): first every function the dashboard runs from
# its start to its first frame and the after-first-frame work, then those a walk through every
# pane runs, then the rest as the linker finds them. The start-up code is then one stretch of the
# text instead of 1.3 MB spread over 7.9 MB, so the kernel maps a fraction of the binary's pages
# at start (issue 26; DECISIONS.md, 2026-12-03).
# The lists come from callgrind (valgrind), which sees every function run, however short: a
# sampling profiler misses the small ones, and each one missed can map another large folio.
# A stale list is harmless: names no longer in the binary are skipped, new functions go after.
# Usage: scripts/static-order.sh [static binary, default: scripts/build-static.sh's]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-.build-static/release/stp-dash}")
command -v valgrind > /dev/null || { echo "static-order: needs valgrind (apt-get install valgrind)" >&2; exit 1; }
work=$(mktemp -d)
T="tmux -L stp-order-$$ -f /dev/null"
trap '$T kill-server 2>/dev/null; rm -rf "$work"' EXIT
# valgrind cannot read this toolchain's DWARF 5; the symbol table is all it needs.
objcopy --strip-debug "$bin" "$work/stp-dash"
$T new-session -d -s keep "sleep 3600"
# One run under callgrind in tmux at 120x40; $1 names it, the rest are keys sent after the first
# frame and its background work (one key a second: valgrind runs it ~50x slower).
profile() {
  local name=$1; shift
  $T new-session -d -s "$name" -x 120 -y 40 \
    "LANG=C.UTF-8 TERM=xterm-256color valgrind --tool=callgrind --demangle=no \
     --callgrind-out-file='$work/$name.out' '$work/stp-dash' 2> '$work/$name.err'"
  local i
  for i in $(seq 120); do
    $T capture-pane -p -t "$name" 2>/dev/null | grep -q '1 League' && break
    sleep 0.5
  done
  sleep 5
  for key in "$@"; do $T send-keys -t "$name" "$key"; sleep 1; done
  # q only goes back after a walk; the command line's :q quits from anywhere.
  $T send-keys -t "$name" Escape ':q' Enter
  for i in $(seq 60); do [ -s "$work/$name.out" ] && ! $T has-session -t "$name" 2>/dev/null && break; sleep 0.5; done
  [ -s "$work/$name.out" ] || { echo "static-order: the $name run did not finish:" >&2; cat "$work/$name.err" >&2; exit 1; }
  # Every function callgrind names (fn= and cfn= define each name once; a recursive call's
  # name ends in 'N), minus raw addresses.
  sed -nE "s/^c?fn=\\([0-9]+\\) (.+)$/\\1/p" "$work/$name.out" | sed -E "s/'[0-9]+$//" \
    | grep -v '^0x' | sort -u
}
# valgrind runs its own memcpy, strlen and the like in place of glibc's, whose variants for the
# machine's CPU (AVX-512, EVEX, SSE2...) are chosen at start: every variant of each one called.
variants() {
  local families
  families=$(grep -E '^(mem|str|stp|wcs|wmem|rawmem)[a-z]*$' "$1" | paste -sd'|') || return 0
  nm "$bin" | awk '$2 ~ /^[tTwW]$/ {print $3}' | grep -E "^__($families)(_[a-z0-9_]+)?$" | sort -u
}
profile start > "$work/start-run.txt"
sort -u "$work/start-run.txt" <(variants "$work/start-run.txt") > "$work/start.txt"
profile walk 2 3 Enter 5 i 6 7 8 v v v t ? Escape 1 j j Enter > "$work/walk.txt"
{
  echo "# Written by scripts/static-order.sh on $(date -u +%F) (lld skips lines from a #); do not edit."
  cat "$work/start.txt"
  comm -13 "$work/start.txt" "$work/walk.txt"
} > scripts/static-order.txt
echo "static-order: $(wc -l < "$work/start.txt") functions at start, $(comm -13 "$work/start.txt" "$work/walk.txt" | wc -l) more in the walk: scripts/static-order.txt" >&2
