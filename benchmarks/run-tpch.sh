#!/usr/bin/env bash
# The TPC-H comparison of Depot with DuckDB and H2 at one scale factor (default 1), in one JVM.
# Writes benchmarks/results/tpch-sf<SF>.md and .png. Generated data is cached (as CSV) under
# benchmarks/target/tpch-cache, the three databases go to benchmarks/target/tpch-work.
#   benchmarks/run-tpch.sh          # SF 1: about 20 minutes on 2 cores, ~3 GB of disk
#   benchmarks/run-tpch.sh 0.1 --runs 5 --note "quiet machine"
# Options: see TpchMacroRunner's usage (run with --help). Builds benchmarks.jar when it is
# missing or older than the sources.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=benchmarks/target/benchmarks.jar
if [ ! -f "$jar" ] || [ -n "$(find storage engine sql-frontend benchmarks -path '*/src/*' -newer "$jar" -print -quit)" ] \
        || [ pom.xml -nt "$jar" ]; then
    mvn -B -q -DskipTests package -pl benchmarks -am
fi

exec java --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx8g -Djava.awt.headless=true \
    -cp "$jar" io.depot.benchmarks.tpch.TpchMacroRunner "$@"
