#!/usr/bin/env bash
# One file to copy to a server: stp-dash in release, linked fully statically (Swift runtime,
# ncursesw, glibc) as a position-independent executable, so ASLR still applies. The build the
# README recommends and BENCHMARKS.md measures (peak RSS 8 MB against 10.6 MB with only the Swift
# runtime static; DECISIONS.md, 2026-11-22).
# - gold (SwiftPM's default linker here) cannot link a static PIE; lld, shipped with the Swift
#   toolchain, can.
# - glibc's static-PIE start-up aborts on a RUNPATH, so SwiftPM's $ORIGIN rpath is left out.
# - Each function in a section of its own, laid out in the order of scripts/static-order.txt
#   (scripts/static-order.sh): the code that runs at start is one stretch of the text, so the
#   kernel maps 4.4 MB of its 7.7 MB at start instead of 7.2 MB (it maps the page cache's large
#   folios whole); peak RSS with the embedded data 11.3 -> 8.3 MB (issue 26).
# Builds in .build-static (its own flags, so it never forces a rebuild of .build); prints the path.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# SwiftPM does not know the link reads the order file: a newer one than the binary relinks it.
linked=.build-static/release/stp-dash
if [ scripts/static-order.txt -nt "$linked" ]; then rm -f "$linked"; fi
if ! swift build -c release --scratch-path .build-static --disable-local-rpath --product stp-dash \
  -Xswiftc -static-executable \
  -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld \
  -Xswiftc -Xclang-linker -Xswiftc -static-pie \
  -Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections \
  -Xlinker -z -Xlinker pack-relative-relocs \
  -Xlinker --symbol-ordering-file="$PWD/scripts/static-order.txt" \
  -Xlinker --no-warn-symbol-ordering > "$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
tail -1 "$log" >&2
bin="$PWD/.build-static/release/stp-dash"
"$bin" --version > /dev/null  # a binary that cannot start fails here, not in a tmux wait
echo "$bin"
