#!/usr/bin/env bash
# What TLS costs, measured alternately in one run:
#  1. the writer's throughput with and without TLS (verify-full against the lab's CA), on one
#     embedded MariaDB 11.4.5 node that takes both (bench/TlsNode.java), SECONDS each, ROUNDS rounds;
#  2. the reconnect phase of a failover (first acknowledged write after the fault), lab
#     kill-primary and switchover, --repeat REPEAT, without and with --tls, alternately, LAB_ROUNDS
#     rounds.
#   bench/tls.sh [seconds] [rounds] [repeat] [lab rounds]     defaults: 20 s, 3 rounds, repeat 10, 3
# Needs the jar: mvn -B -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
rounds=${2:-3}
repeat=${3:-10}
lab_rounds=${4:-3}
jar=target/mariadb-failover-client.jar
work=$(mktemp -d)

coproc NODE { java -cp "$jar" bench/TlsNode.java "$work/node"; }
trap 'exec {NODE[1]}>&-; wait; rm -rf "$work"' EXIT
read -r _ port _ ca <&"${NODE[0]}"

writer() { # name, extra options
  local name=$1; shift
  MARIADB_PASSWORD=bench java -jar "$jar" --host 127.0.0.1 --port "$port" --user bench --database bench \
    --client-id "$name" --write-interval 0 --duration "${secs}s" --stats-every 1000000 --run-dir "$work/$name" \
    "$@" > "$work/$name.log"
  grep -o '"throughput_wps" : [0-9.]*' "$work/$name/summary.json" | grep -o '[0-9.]*$'
}
echo "writer throughput, writes/s, ${secs} s each, --write-interval 0, embedded 11.4.5 on 127.0.0.1:$port"
for r in $(seq 1 "$rounds"); do
  p=$(writer "plain$r" --ssl-mode disable); t=$(writer "tls$r" --ssl-ca "$ca")
  printf 'round %d: plain %7.1f  TLS (verify-full) %7.1f (%.2fx)\n' "$r" "$p" "$t" "$(echo "$t / $p" | bc -l)"
done

phases() { # run folder: per outage, ms from the fault: new primary writable, service routed, first
  # acknowledged write (reconnect), and the client's own share (reconnect - routed); medians, then
  # min / median / max of the reconnect phase
  python3 - "$1/summary.json" <<'PY'
import json, statistics, sys
s = json.load(open(sys.argv[1]))
p = [x for x in s["outage_phases"] if x.get("reconnect_ms") is not None]
med = lambda k: statistics.median(x[k] for x in p if x.get(k) is not None)
r = sorted(x["reconnect_ms"] for x in p)
own = statistics.median(x["reconnect_ms"] - x["routing_ms"] for x in p if x.get("routing_ms") is not None)
print(f'{s["verdict"]}, {len(p)} outages; medians: promotion {med("promotion_ms"):g}, routing {med("routing_ms"):g},'
      f' reconnect {med("reconnect_ms"):g} (client after routing {own:g}) ms; reconnect min {r[0]} / max {r[-1]}')
PY
}
echo "lab --repeat $repeat: reconnect phase (fault to first acknowledged write) of every outage"
for r in $(seq 1 "$lab_rounds"); do
  for scenario in kill-primary switchover; do
    for mode in plain tls; do
      java -jar "$jar" lab --scenario "$scenario" --repeat "$repeat" --run-dir "$work/$scenario-$mode-$r" \
        $([ "$mode" = tls ] && echo --tls) > "$work/$scenario-$mode-$r.log" || true
      printf 'round %d %-13s %-5s ' "$r" "$scenario" "$mode"; phases "$work/$scenario-$mode-$r"
    done
  done
done
