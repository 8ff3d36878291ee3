#!/usr/bin/env bash
# Runs the libFuzzer targets: scripts/fuzz.sh [csv|loader|theme|theme-deep|files|share|boundaries|paste|all] [SECONDS each, default 600].
# Seeds come from Tests/Fuzz/corpus/TARGET; a crash or hang is copied to
# Tests/Fuzz/regressions/TARGET/ (replayed by `swift test`) and the script exits 1.
set -uo pipefail
cd "$(dirname "$0")/.."
which=${1:-all}
seconds=${2:-600}
swift build --scratch-path .build-fuzz --product stp-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING 2>&1 | grep -E 'error|Compiling|Build' | tail -2
bin=.build-fuzz/debug/stp-fuzz
[ -x "$bin" ] || { echo "fuzz build failed" >&2; exit 1; }
status=0
for t in csv loader theme theme-deep files share boundaries paste; do
  [ "$which" = all ] || [ "$which" = "$t" ] || continue
  work=$(mktemp -d)
  cp -r "Tests/Fuzz/corpus/$t/." "$work/"
  artifacts=$(mktemp -d)
  echo "fuzzing $t for ${seconds}s"
  STP_FUZZ_TARGET=$t "$bin" "$work" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 > "$artifacts/log" 2>&1
  rc=$?
  grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$artifacts/log"
  if [ $rc -ne 0 ] || ls "$artifacts"/crash-* "$artifacts"/timeout-* "$artifacts"/leak-* >/dev/null 2>&1; then
    mkdir -p "Tests/Fuzz/regressions/$t"
    cp "$artifacts"/crash-* "$artifacts"/timeout-* "$artifacts"/leak-* "Tests/Fuzz/regressions/$t/" 2>/dev/null
    tail -30 "$artifacts/log"
    echo "FUZZ FAILURE in $t: input saved to Tests/Fuzz/regressions/$t/" >&2
    status=1
  else
    echo "$t: no crash, no hang"
  fi
  rm -rf "$work" "$artifacts"
done
exit $status
