#!/usr/bin/env bash
# Regenerates the benchmark figures in benchmarks/results/<mode>/: results.csv, results.json,
# summary.md (the README's ratio tables) and rosenbrock.png.
#
#   benchmarks/run.sh quick          # under 5 minutes on a 2-core machine (1 fork, short iterations)
#   benchmarks/run.sh full           # about 50 minutes (3 forks, 3 + 5 iterations of 1 s)
#   benchmarks/run.sh quick Gmm      # only the benchmark groups whose include regex matches
#
# Builds the benchmarks jar first (set NO_BUILD=1 to use the one in benchmarks/target). The JMH log
# goes to benchmarks/target/jmh-<mode>.log.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-quick}
case "$mode" in
  quick|full) ;;
  *) echo "usage: benchmarks/run.sh quick|full [regex]" >&2; exit 2 ;;
esac
if [ "${NO_BUILD:-0}" != 1 ]; then
  mvn -B -q install -DskipTests -pl benchmarks -am
fi
args=("$mode" "benchmarks/results/$mode")
if [ $# -ge 2 ]; then
  args+=("$2")
fi
java -Djava.awt.headless=true -cp benchmarks/target/benchmarks.jar io.adjoint.benchmarks.Figures "${args[@]}" \
  | tee "benchmarks/target/jmh-$mode.log" | grep -E '^(# Benchmark:|# Parameters:|Wrote)' || true
