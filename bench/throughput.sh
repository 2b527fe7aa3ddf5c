#!/usr/bin/env bash
# Writer throughput against a bare JDBC insert loop, on the local MariaDB (127.0.0.1:3306, root
# without password; BENCH_SERVER=private: a server of its own on tmpfs, see bench/db.sh), alternating
# in one run: each round runs the bare loop, the writer, and the
# writer with its HTTP endpoint and metrics (--http-port 0), and the writer with the census watching
# the server (--nodes), each for SECONDS at --write-interval 0.
#   bench/throughput.sh [seconds] [rounds]        defaults: 20 s, 3 rounds
# Needs the jar: mvn -B -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
rounds=${2:-3}
jar=target/mariadb-failover-client.jar
. bench/db.sh fc_bench

bare() {
  java -cp "$jar" bench/BareInsertLoop.java "jdbc:mariadb://127.0.0.1:$port/$db" "$user" bench "$secs" \
    | grep -o '= [0-9.]* writes/s' | grep -o '[0-9.]*'
}
writer() { # name, extra options
  local name=$1; shift
  MARIADB_PASSWORD=bench java -jar "$jar" --host 127.0.0.1 --port "$port" --user "$user" --database "$db" --client-id "$name" \
    --write-interval 0 --duration "${secs}s" --stats-every 1000000 --run-dir "$work/$name" "$@" > "$work/$name.log"
  grep -o '"throughput_wps" : [0-9.]*' "$work/$name/summary.json" | grep -o '[0-9.]*$'
}
echo "writes/s, ${secs} s each, --write-interval 0"
for r in $(seq 1 "$rounds"); do
  b=$(bare); w=$(writer "w$r"); m=$(writer "m$r" --http-port 0); c=$(writer "c$r" --nodes "127.0.0.1:$port")
  printf 'round %d: bare JDBC loop %7.1f  writer %7.1f (%.2fx)  + metrics %7.1f (%.2fx)  + census %7.1f (%.2fx)\n' \
    "$r" "$b" "$w" "$(echo "$w / $b" | bc -l)" "$m" "$(echo "$m / $b" | bc -l)" "$c" "$(echo "$c / $b" | bc -l)"
  grep -o 'Census: .*' "$work/c$r.log"
done
