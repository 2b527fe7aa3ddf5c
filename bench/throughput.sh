#!/usr/bin/env bash
# Writer throughput against a bare JDBC insert loop, on the local MariaDB (127.0.0.1:3306, root
# without password; BENCH_SERVER=private: a server of its own on tmpfs, see bench/db.sh), alternating
# in one run: each round runs the bare loop, the writer, and the
# writer with its HTTP endpoint and metrics (--http-port 0), and the writer with the census watching
# the server (--nodes), each for SECONDS at --write-interval 0.
# The writers run with the seed's defaults otherwise (a log line per write, the statistics block
# every 10 writes), their stdout to a file.
#   bench/throughput.sh [seconds] [rounds]        defaults: 20 s, 3 rounds
# Needs the jar: mvn -B -DskipTests package (JAR=path measures another build; REFERENCE_JAR=path adds
# that build's writer to every round, for before/after comparisons).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
rounds=${2:-3}
jar=${JAR:-target/mariadb-failover-client.jar}
ref=${REFERENCE_JAR:-}
. bench/db.sh fc_bench

bare() {
  java -cp "$jar" bench/BareInsertLoop.java "jdbc:mariadb://127.0.0.1:$port/$db" "$user" bench "$secs" \
    | grep -o '= [0-9.]* writes/s' | grep -o '[0-9.]*'
}
writer() { # name, extra options (the jar: $wjar, default $jar)
  local name=$1; shift
  MARIADB_PASSWORD=bench java -jar "${wjar:-$jar}" --host 127.0.0.1 --port "$port" --user "$user" --database "$db" --client-id "$name" \
    --write-interval 0 --duration "${secs}s" --run-dir "$work/$name" "$@" > "$work/$name.log"
  grep -o '"throughput_wps" : [0-9.]*' "$work/$name/summary.json" | grep -o '[0-9.]*$'
}
echo "writes/s, ${secs} s each, --write-interval 0"
for r in $(seq 1 "$rounds"); do
  b=$(bare)
  # With a reference, the two writers take turns going first: the table grows through the run.
  if [ -n "$ref" ] && [ $((r % 2)) = 0 ]; then x=$(wjar=$ref writer "x$r"); fi
  w=$(writer "w$r")
  if [ -n "$ref" ] && [ $((r % 2)) = 1 ]; then x=$(wjar=$ref writer "x$r"); fi
  m=$(writer "m$r" --http-port 0); c=$(writer "c$r" --nodes "127.0.0.1:$port")
  printf 'round %d: bare JDBC loop %7.1f  writer %7.1f (%.2fx)  + metrics %7.1f (%.2fx)  + census %7.1f (%.2fx)\n' \
    "$r" "$b" "$w" "$(echo "$w / $b" | bc -l)" "$m" "$(echo "$m / $b" | bc -l)" "$c" "$(echo "$c / $b" | bc -l)"
  grep -o 'Census: .*' "$work/c$r.log"
  [ -z "$ref" ] || printf '         reference writer (%s) %7.1f (%.2fx)\n' "$ref" "$x" \
    "$(echo "$x / $b" | bc -l)"
done
