#!/usr/bin/env bash
# The writer as applications write (docs/applications.md) against today's writer and the bare JDBC
# loop, alternating in one run: each round runs the bare loop, today's writer, the writer with
# --pool hikari, the bare loop with transactions of 10 rows, the writer with --transaction-rows 10 and
# the writer with both,
# each for SECONDS at --write-interval 0, one writer, the seed's logging to a file. Rows/s counts
# every row; attempts/s counts transactions.
#   bench/applications.sh [seconds] [rounds]      defaults: 20 s, 3 rounds
# BENCH_SERVER=private: a server of its own on tmpfs (bench/db.sh). Needs the jar (mvn -B -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
rounds=${2:-3}
jar=${JAR:-target/mariadb-failover-client.jar}
. bench/db.sh fc_apps

bare() { # rows per transaction
  java -cp "$jar" bench/BareInsertLoop.java "jdbc:mariadb://127.0.0.1:$port/$db" "$user" bench "$secs" "$1" \
    | grep -o '= [0-9.]* writes/s' | grep -o '[0-9.]*'
}
writer() { # name, extra options; prints attempts/s
  local name=$1; shift
  MARIADB_PASSWORD=bench java -jar "$jar" --host 127.0.0.1 --port "$port" --user "$user" --database "$db" \
    --client-id "$name" --write-interval 0 --duration "${secs}s" --run-dir "$work/$name" "$@" > "$work/$name.log"
  grep -o '"throughput_wps" : [0-9.]*' "$work/$name/summary.json" | grep -o '[0-9.]*$'
}
echo "rows/s, ${secs} s each, --write-interval 0"
for r in $(seq 1 "$rounds"); do
  b=$(bare 1)
  w=$(writer "w$r")
  p=$(writer "p$r" --pool hikari)
  bt=$(bare 10)
  t=$(echo "$(writer "t$r" --transaction-rows 10) * 10" | bc -l)
  pt=$(echo "$(writer "q$r" --transaction-rows 10 --pool hikari) * 10" | bc -l)
  printf 'round %d: bare %7.1f  writer %7.1f (%.2fx)  pool %7.1f (%.2fx of bare, %.2fx of writer)\n' \
    "$r" "$b" "$w" "$(echo "$w / $b" | bc -l)" "$p" "$(echo "$p / $b" | bc -l)" "$(echo "$p / $w" | bc -l)"
  printf '         bare 10-row tx %7.1f  writer 10-row tx %7.1f (%.2fx of bare tx)  pool + 10-row tx %7.1f (%.2fx of bare tx)\n' \
    "$bt" "$t" "$(echo "$t / $bt" | bc -l)" "$pt" "$(echo "$pt / $bt" | bc -l)"
done
