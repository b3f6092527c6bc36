#!/usr/bin/env bash
# The benchmarks of "speed as users feel it", one after another, each writing its own log to
# $BENCH_LOGS (default /tmp/concord-bench): start-up, analytics end to end, the UN import, export
# and import of the whole store, the alignment reads over HTTP, growth, PostgreSQL as deployed, the browser as served. Run it
# on a machine doing nothing else; set CONCORD_TEST_PG for the PostgreSQL side of each.
#   bench/quiet.sh                       all of them
#   BENCHES="cli growth" bench/quiet.sh  some of them
cd "$(dirname "$0")/.."
N=node_modules/.bin/node
LOGS=${BENCH_LOGS:-/tmp/concord-bench}
mkdir -p "$LOGS"
run() {
  local name=$1
  shift
  echo "== $name $(date +%T), load $(cut -d' ' -f1 /proc/loadavg)"
  "$@" >"$LOGS/$name.log" 2>&1
  echo "   exit $?; $LOGS/$name.log"
}
for b in ${BENCHES:-cli analyze import export alignment growth apipg web}; do
  case $b in
    cli) run cli $N bench/cli/startup.bench.ts ;;
    analyze) RUNS=3 run analyze $N bench/analytics/analyze.bench.ts ;;
    import) run import $N bench/analytics/import.bench.ts ;;
    export) BENCH_RUNS=2 run export $N bench/store/export.bench.ts ;;
    alignment) run alignment $N bench/analytics/alignment-api.ts ;;
    growth) RUNS=30 run growth $N bench/growth/run.ts ;;
    apipg) run apipg $N bench/api/postgres.ts ;;
    web) run web $N bench/web/first-paint.ts ;;
    *) echo "unknown benchmark $b" ;;
  esac
done
