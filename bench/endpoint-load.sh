#!/usr/bin/env bash
# The writer's throughput while its live endpoint is hammered, against the same writer left alone,
# alternating in one run: each round runs the writer (--write-interval 0, --http-port 0) for SECONDS
# alone, then again while bench/LoadBurst.java sends bursts of CONCURRENT requests over /metrics,
# /verdict, /status, /healthz and / every PAUSE_MS (a fleet's test pod, Prometheus and browsers at
# once). Prints writes/s of both and what the load got.
#   bench/endpoint-load.sh [seconds] [rounds] [concurrent] [pause ms]    defaults: 20 s, 3 rounds, 500, 2000
# BENCH_SERVER=private: a server of its own on tmpfs (bench/db.sh). Needs the jar (mvn -B -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
rounds=${2:-3}
concurrent=${3:-500}
pause=${4:-2000}
jar=${JAR:-target/mariadb-failover-client.jar}
. bench/db.sh fc_load
javac -d "$work/classes" bench/LoadBurst.java

writer() { # name; prints writes/s (with LOAD=1, under load)
  local name=$1 pid http
  MARIADB_PASSWORD=bench java -jar "$jar" --host 127.0.0.1 --port "$port" --user "$user" --database "$db" \
    --client-id "$name" --write-interval 0 --duration "${secs}s" --http-port 0 --http-bind 127.0.0.1 \
    --run-dir "$work/$name" > "$work/$name.log" &
  pid=$!
  if [ "${LOAD:-0}" = 1 ]; then
    for _ in $(seq 200); do
      http=$(grep -o 'HTTP endpoint on http://127.0.0.1:[0-9]*' "$work/$name.log" | grep -o '[0-9]*$' || true)
      [ -n "$http" ] && break
      sleep 0.05
    done
    java -cp "$work/classes" LoadBurst "http://127.0.0.1:$http" "$((secs - 2))" "$concurrent" "$pause" \
      > "$work/$name.load"
  fi
  wait "$pid" || true
  grep -o '"throughput_wps" : [0-9.]*' "$work/$name/summary.json" | grep -o '[0-9.]*$'
}
echo "writes/s, ${secs} s each, --write-interval 0; load: bursts of $concurrent requests every ${pause} ms"
for r in $(seq 1 "$rounds"); do
  a=$(writer "alone$r")
  b=$(LOAD=1 writer "loaded$r")
  printf 'round %d: alone %7.1f  under load %7.1f (%.2fx)  load: %s\n' "$r" "$a" "$b" "$(echo "$b / $a" | bc -l)" \
    "$(cat "$work/loaded$r.load")"
done
