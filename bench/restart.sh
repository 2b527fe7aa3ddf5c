#!/usr/bin/env bash
# How long a restarted client pod takes to write again, inside the chart's limits (pod-sim: 100m CPU,
# 128Mi, the image's JVM options and an AppCDS archive made for the jar), with the chart's HTTP
# endpoint on: alternating in one run, a client started in an empty run folder (a new pod) and one
# started in the folder of a client killed with SIGKILL mid-run (a restarted pod continuing its
# history: the folder's ledgers checked, the next segment and sequence found). The figure is the time
# from launch to the first write's begin record; the client is then killed again, as the next
# restart's predecessor.
#   bench/restart.sh [rounds]        default 5
# Needs the jar (mvn -B -DskipTests package), mariadbd and mariadb-install-db for the archive.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
jar=$(readlink -f "${JAR:-target/mariadb-failover-client.jar}")
pod_sim=${POD_SIM:-$(readlink -f ../shared/tools/pod-sim)}
jvm=$(sed -n 's/^ENV JDK_JAVA_OPTIONS="\(.*\)"$/\1/p' Dockerfile)
. bench/db.sh fc_restart
docker/cds-train.sh "$jar" "$work/app.jsa" > /dev/null
jvm=${jvm//\/app\/app.jsa/$work/app.jsa}

# Starts the client in folder $2 under pod-sim, waits for its first write in ledger file $3, prints
# the ms from launch to it, and kills the client with SIGKILL.
first_write() { # name (the client id too), run folder, ledger file
  local name=$1 run=$2 ledger=$3 launched first pid java
  launched=$(date +%s%6N)
  JDK_JAVA_OPTIONS="$jvm" MARIADB_PASSWORD=bench "$pod_sim" "$name" java -jar "$jar" --host 127.0.0.1 \
    --port "$port" --user "$user" --database "$db" --client-id "${id:-$name}" --write-interval 1 --http-port 0 \
    --run-dir "$run" > "$work/$name.out" 2> "$work/$name.pod" &
  pid=$!
  for _ in $(seq 600); do
    grep -q '"type":"begin"' "$ledger" 2>/dev/null && break
    sleep 0.05
  done
  first=$(grep -m1 '"type":"begin"' "$ledger" | grep -o '"ts":[0-9]*' | grep -o '[0-9]*$')
  java=$(pgrep -P "$pid" -f "java -jar" || pgrep -f -- "--run-dir $run" | head -1)
  kill -KILL $java 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "$(( (first - launched) / 1000 ))"
}

kept=$work/kept
id=restarted first_write warmup "$kept" "$kept/ledger-restarted.jsonl" > /dev/null   # segment 1, killed
echo "first write after launch under pod-sim (100m CPU, 128Mi), ms; JVM: $jvm"
for r in $(seq 1 "$rounds"); do
  fresh=$(first_write "fresh$r" "$work/fresh$r" "$work/fresh$r/ledger-fresh$r.jsonl")
  segment=$(( r + 1 ))
  again=$(id=restarted first_write "again$r" "$kept" "$kept/ledger-restarted+$segment.jsonl")
  printf 'round %d: new pod (empty folder) %5d ms | restarted pod (its folder, segment %d after a kill) %5d ms\n' \
    "$r" "$fresh" "$segment" "$again"
done
MARIADB_PASSWORD=bench java -jar "$jar" verify --host 127.0.0.1 --port "$port" --user "$user" --database "$db" \
  --run-dir "$kept" | grep -e '^Verdict' -e 'down from' -e 'without a stop record' | head -8
