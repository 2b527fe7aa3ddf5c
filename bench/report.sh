#!/usr/bin/env bash
# The HTML report of a large run: size and time to make it (analysis and rendering apart).
#   bench/report.sh [clients] [rows] [rounds]      defaults: 1 client x 1,000,000 attempts, 3 rounds
# Needs: mvn -B -DskipTests package. No database: the analysis reads a node that holds every row.
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-1}; rows=${2:-1000000}; rounds=${3:-3}
jar=target/mariadb-failover-client.jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java -cp "$jar" bench/MakeRun.java "$work/run" "$clients" "$rows"
for r in $(seq 1 "$rounds"); do
  java -cp "$jar" bench/ReportBench.java "$work/run"
done
