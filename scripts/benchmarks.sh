#!/usr/bin/env bash
# The full benchmark run of BENCHMARKS.md: release builds, then the model table (1M funding rows,
# peers Miller and DuckDB, render) and the terminal table (tmux; 30 s idle).
# Needs: tmux, mlr (apt: miller), python3 with duckdb (pip: duckdb). --quick: 100k rows, 3 s idle.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=1000000; idle=30; runs=5; reload_rows="1000000 3000000"
if [ "${1:-}" = "--quick" ]; then rows=100000; idle=3; runs=3; reload_rows="100000"; fi
# Release builds. stp-bench with the Swift runtime linked in; stp-dash as the README recommends
# for servers: fully static (scripts/build-static.sh), the build the terminal figures describe.
swift build -c release --static-swift-stdlib --product stp-bench 2>&1 | tail -1
dash=$(scripts/build-static.sh)
echo "== model (load, validate, metrics; peers; render) =="
peers=""
command -v mlr >/dev/null && python3 -c 'import duckdb' 2>/dev/null || peers="--no-peers"
.build/release/stp-bench report --max-rows "$rows" --runs "$runs" --dash "$dash" $peers
echo "== map (rasterising, frames, bytes per move, memory) =="
.build/release/stp-bench map
scripts/bytes-per-key.sh "$dash" Right,Left 10 120x40 5
scripts/map-memory.sh "$dash"
echo "== terminal (tmux) =="
scripts/bench-terminal.sh "$dash" "$idle" "$(pwd)/.build/release/stp-bench" "$reload_rows"
