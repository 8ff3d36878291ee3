#!/usr/bin/env bash
# Peak memory against the funding file's size (issue 26, item 8), beside DuckDB on the same
# realistic quoted data: for 1M, 3M and 10M rows, `stp-dash validate` (the default: from 256 MB
# the rows' text left in the user's file under a lease, its pages let go behind the loader), `stp-bench
# load` with the file read into memory and with it mapped from a copy (the ways used where no
# lease can be had), and DuckDB's query of the peers table. Whole processes, one run each after
# a warm-up of the page cache; peak RSS from /usr/bin/time.
# Usage: scripts/bench-memory.sh [directory of stp-dash and stp-bench, default .build/release]
#        [row counts, default "1000000 3000000 10000000"]  (data written to /tmp/stp-memory)
set -uo pipefail
bin=$(realpath "${1:-.build/release}")
sizes=${2:-1000000 3000000 10000000}
data=/tmp/stp-memory
mkdir -p "$data"
measure() {  # label command... -> "label  seconds  peak MB"
  local label=$1; shift
  "$@" > /dev/null 2>&1  # warm-up
  /usr/bin/time -f "%e %M" -o "$data/time" "$@" > /dev/null 2>&1
  read -r secs kb < "$data/time"
  echo "$label $secs $kb"
}
printf '%-9s %9s  %-34s %8s %9s %7s\n' rows "file MB" way seconds "peak MB" "/ file"
for n in $sizes; do
  d="$data/$n"
  [ -f "$d/funding.csv" ] || "$bin/stp-bench" generate "$d" --funding-rows "$n" --partner-rows 100000 --realistic > /dev/null
  file=$(stat -c %s "$d/funding.csv")
  for row in \
    "$(measure "stp-dash validate (default)" "$bin/stp-dash" validate --data "$d")" \
    "$(measure "stp-bench load (read whole)" "$bin/stp-bench" load "$d" --runs 1 --lease-from-mb 1000000 --map-from-mb 1000000)" \
    "$(measure "stp-bench load (mapped copy)" "$bin/stp-bench" load "$d" --runs 1 --lease-from-mb 1000000 --map-from-mb 0)" \
    "$(measure "stp-bench load (leased file)" "$bin/stp-bench" load "$d" --runs 1 --lease-from-mb 0)" \
    "$(measure "DuckDB (Python), the peers' query" python3 -c "
import duckdb, sys
d = sys.argv[1]
duckdb.sql(f\"\"\"SELECT f.code, SUM(COALESCE(f.amount_max, f.amount_min, 0)) AS quoted,
  ANY_VALUE(p.ons_population) AS population, quoted / ANY_VALUE(p.ons_population) AS per_head
  FROM read_csv('{d}/funding.csv') f JOIN read_csv('{d}/footprints.csv') p USING (code)
  GROUP BY f.code ORDER BY quoted DESC\"\"\").fetchall()" "$d")"; do
    set -- $row
    secs=${*: -2:1}; kb=${*: -1}; label=${row% * *}
    awk -v n="$n" -v f="$file" -v l="$label" -v s="$secs" -v k="$kb" 'BEGIN {
      printf "%-9s %9.0f  %-34s %8.2f %9.0f %6.2fx\n", n, f / 1e6, l, s, k / 1024, k * 1024 / f }'
  done
done
