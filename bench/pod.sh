#!/usr/bin/env bash
# Writes per second inside the chart's limits (100m CPU, 128Mi) through ../shared/tools/pod-sim
# (POD_SIM overrides), with the image's JVM options (read from the Dockerfile), against the local
# MariaDB (127.0.0.1:3306, root without password; BENCH_SERVER=private: a server of its own on tmpfs,
# see bench/db.sh), at --write-interval 0, alternating in one run:
# each round runs
#   bare      a bare JDBC insert loop (bench/BareInsertLoop.java: one prepared INSERT, nothing else)
#   writer    this client, its seed log lines written to a file as in a pod
#   quiet     this client with logging switched off
#   python    a Python client writing like the seed (bench/seed_like.py: INSERT + COMMIT, a log line
#             per write; needs Debian's python3-pymysql, skipped without it)
# each for SECONDS, and prints a row per round and client with the ratio to that round's bare loop.
# and, for the writer, how long after its launch the first write began (the ledger's first begin
# record), as a restarted pod would. The image's AppCDS archive is made for the jar first with
# docker/cds-train.sh (needs mariadbd and mariadb-install-db; NO_CDS=1 measures without it).
#   bench/pod.sh [seconds] [rounds]        defaults: 30 s, 3 rounds
# Needs the jar: mvn -B -DskipTests package (JAR=path measures another build, e.g. the image's -Pslim jar;
# JVM='options' replaces the Dockerfile's JDK_JAVA_OPTIONS, /app/app.jsa included). TOGETHER=1 runs a
# round's clients at the same time, each in a pod of its own: on a host whose speed drifts from minute
# to minute (on this machine the same bare loop ran at 1,700 to 3,800 writes/s in successive rounds)
# only clients measured side by side can be compared; each still has its own 100m. REFERENCE_JAR=path
# adds another build's writer to every round (with its own archive), for before/after comparisons.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-30}
rounds=${2:-3}
jar=$(readlink -f "${JAR:-target/mariadb-failover-client.jar}")
pod_sim=${POD_SIM:-$(readlink -f ../shared/tools/pod-sim)}
ref=${REFERENCE_JAR:+$(readlink -f "$REFERENCE_JAR")}
jvm=${JVM:-$(sed -n 's/^ENV JDK_JAVA_OPTIONS="\(.*\)"$/\1/p' Dockerfile)}
ref_jvm=$jvm
. bench/db.sh fc_pod
if [ -z "${NO_CDS:-}" ]; then
  docker/cds-train.sh "$jar" "$work/app.jsa" > /dev/null
  jvm=${jvm//\/app\/app.jsa/$work/app.jsa}
  if [ -n "$ref" ]; then
    docker/cds-train.sh "$ref" "$work/ref.jsa" > /dev/null
    ref_jvm=${ref_jvm//\/app\/app.jsa/$work/ref.jsa}
  fi
fi
# Compiled once outside the pod: source-file mode would compile inside the CPU quota.
javac -d "$work/classes" -cp "$jar" bench/BareInsertLoop.java
cat > "$work/logback-off.xml" <<'XML'
<configuration><statusListener class="ch.qos.logback.core.status.NopStatusListener"/><root level="OFF"/></configuration>
XML

pod() { # name, command...: the command's stdout to $work/name.out, pod-sim's line to $work/name.pod
  local name=$1; shift
  JDK_JAVA_OPTIONS="$jvm" "$pod_sim" "$name" "$@" > "$work/$name.out" 2> "$work/$name.pod"
}
bare() {
  pod "bare$1" java -cp "$jar:$work/classes" BareInsertLoop "jdbc:mariadb://127.0.0.1:$port/$db" "$user" bench "$secs"
  grep -o '= [0-9.]* writes/s' "$work/bare$1.out" | grep -o '[0-9.]*'
}
writer() { # name, extra JVM options... (the jar: $wjar, default $jar)
  local name=$1; shift
  local launched
  launched=$(date +%s%6N)
  MARIADB_PASSWORD=bench pod "$name" java "$@" -jar "${wjar:-$jar}" --host 127.0.0.1 --port "$port" --user "$user" --database "$db" \
    --client-id "$name" --write-interval 0 --duration "${secs}s" --run-dir "$work/$name"
  local first
  first=$(grep -m1 '"type":"begin"' "$work/$name/ledger-$name.jsonl" | grep -o '"ts":[0-9]*' | grep -o '[0-9]*$')
  echo "$(( (first - launched) / 1000 ))" > "$work/$name.first"
  grep -o '"throughput_wps" : [0-9.]*' "$work/$name/summary.json" | grep -o '[0-9.]*$'
}
python() {
  if ! /usr/bin/python3 -c 'import pymysql' 2>/dev/null; then echo skipped; return; fi
  "$pod_sim" "python$1" /usr/bin/python3 bench/seed_like.py 127.0.0.1 "$user" bench "$db" "$secs" "$port" \
    > "$work/python$1.out" 2> "$work/python$1.pod"
  grep -o '= [0-9.]* writes/s' "$work/python$1.pod" | grep -o '[0-9.]*'
}
reference() { # the writer of REFERENCE_JAR, with its own archive
  jvm=$ref_jvm wjar=$ref writer "ref$1"
}
ratio() { [ "$1" = skipped ] && echo "-" || printf '%.2fx' "$(echo "$1 / $2" | bc -l)"; }
cpu() { grep -o 'cpu [0-9]* ms' "$work/$1.pod" || true; }

echo "writes/s under pod-sim (100m CPU, 128Mi), ${secs} s each, --write-interval 0; JVM: $jvm"
quiet=-Dlogback.configurationFile=$work/logback-off.xml
client() { # file, command...: its figure to $work/file; with TOGETHER, in the background (its pid in $pids)
  local file=$1; shift
  if [ -n "${TOGETHER:-}" ]; then
    # Each client in its own pod at the same time: a host that slows down slows all of them alike.
    "$@" > "$work/$file" & pids="$pids $!"
  else
    "$@" > "$work/$file"
  fi
}
for r in $(seq 1 "$rounds"); do
  pids=""
  client b bare "$r"; client w writer "writer$r"; client q writer "quiet$r" "$quiet"; client p python "$r"
  [ -z "$ref" ] || client x reference "$r"
  # Only these: a bare `wait` would also wait for the private server of bench/db.sh.
  [ -z "$pids" ] || wait $pids
  b=$(cat "$work/b"); w=$(cat "$work/w"); q=$(cat "$work/q"); p=$(cat "$work/p")
  printf 'round %d: bare JDBC loop %7.1f | writer, logs to a file %7.1f (%s) | writer, logging off %7.1f (%s) | Python seed-like %7s (%s)\n' \
    "$r" "$b" "$w" "$(ratio "$w" "$b")" "$q" "$(ratio "$q" "$b")" "$p" "$(ratio "$p" "$b")"
  echo "         pod cpu: bare $(cpu "bare$r"), writer $(cpu "writer$r"), quiet $(cpu "quiet$r"), python $(cpu "python$r");" \
    "first write $(cat "$work/writer$r.first") ms / $(cat "$work/quiet$r.first") ms after launch"
  if [ -n "$ref" ]; then
    x=$(cat "$work/x")
    echo "         reference writer ($REFERENCE_JAR) $x ($(ratio "$x" "$b")), first write $(cat "$work/ref$r.first") ms after launch"
  fi
done
