#!/usr/bin/env bash
# Memory benchmark: does the client fit the chart's default 128Mi limit?
#
# Runs the already built jar with the Dockerfile's JVM options (JDK_JAVA_OPTIONS, read from the
# Dockerfile) plus -XX:MaxRAM=128m (what the JVM would see in a 128Mi container) for 60 s at 50
# writes/s against a local MariaDB, then stops it with SIGTERM. It samples the resident set size
# every second (VmRSS) and reads the kernel's high-water mark (VmHWM) just before the stop.
# Fails when the log shows an OutOfMemoryError or the peak RSS is above the target.
#
# Builds nothing: run `mvn -B package` first. Needs a MariaDB on 127.0.0.1:3306 where
# `mariadb -uroot` may create users; a dedicated non-SUPER user and database are created and dropped.
#
# The writer's own budget (one writer at 100 writes/s with -Xmx64m, no container options):
#   JVM_OPTIONS=-Xmx64m MAX_RAM= CPUS= WRITE_INTERVAL=0.01 bench/memory.sh
#
# Inside the chart's limits (100m CPU, 128Mi through ../shared/tools/pod-sim), ten minutes at 100
# writes/s, a sample every minute (RSS of the JVM and the pod's memory as the cgroup counts it):
#   POD=1 SECONDS_TO_RUN=600 WRITE_INTERVAL=0.01 SAMPLE_EVERY=60 bench/memory.sh
#
# Environment: POD (empty: no cgroup limits), SAMPLE_EVERY (seconds; 0 = only the peak), JVM_OPTIONS (default: the Dockerfile's), MAX_RAM (128m; empty = none),
# JAR (default target/mariadb-failover-client.jar), SECONDS_TO_RUN (60),
# WRITE_INTERVAL (0.02), TARGET_MIB (96), CPUS (1: the JVM rounds the chart's 100m CPU limit up to
# one processor; set CPUS= to use every host CPU), ADMIN (mariadb -uroot), DB_HOST, DB_PORT.
set -euo pipefail

cd "$(dirname "$0")/.."
JAR=${JAR:-target/mariadb-failover-client.jar}
SECONDS_TO_RUN=${SECONDS_TO_RUN:-60}
WRITE_INTERVAL=${WRITE_INTERVAL:-0.02}
TARGET_MIB=${TARGET_MIB:-96}
CPUS=${CPUS-1}
ADMIN=${ADMIN:-mariadb -uroot}
DB_HOST=${DB_HOST:-127.0.0.1}
DB_PORT=${DB_PORT:-3306}
POD=${POD:-}
SAMPLE_EVERY=${SAMPLE_EVERY:-0}
POD_SIM=${POD_SIM:-$(readlink -f ../shared/tools/pod-sim)}

[ -f "$JAR" ] || { echo "no jar at $JAR: run 'mvn -B package' first" >&2; exit 2; }
JAR=$(readlink -f "$JAR")

# The JVM options exactly as the image sets them.
JVM_OPTIONS=${JVM_OPTIONS:-$(sed -n 's/^ENV JDK_JAVA_OPTIONS="\(.*\)"$/\1/p' Dockerfile)}
[ -n "$JVM_OPTIONS" ] || { echo "no ENV JDK_JAVA_OPTIONS line in Dockerfile" >&2; exit 2; }
MAX_RAM=${MAX_RAM-128m}
EXTRA=""
[ -n "$MAX_RAM" ] && EXTRA="-XX:MaxRAM=$MAX_RAM"
[ -n "$CPUS" ] && EXTRA="$EXTRA -XX:ActiveProcessorCount=$CPUS"

NAME="fc_membench_$$"
PASSWORD="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
WORK=$(mktemp -d)
PID=""
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill -KILL "$PID" 2>/dev/null || true; fi
  $ADMIN -e "DROP USER IF EXISTS '$NAME'@'%'; DROP USER IF EXISTS '$NAME'@'localhost'; DROP DATABASE IF EXISTS \`$NAME\`;" || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# A non-SUPER user, as in the deploy/ manifests (ALL PRIVILEGES on its own database only).
$ADMIN -e "CREATE DATABASE \`$NAME\`;
  CREATE USER '$NAME'@'%' IDENTIFIED BY '$PASSWORD';
  CREATE USER '$NAME'@'localhost' IDENTIFIED BY '$PASSWORD';
  GRANT ALL PRIVILEGES ON \`$NAME\`.* TO '$NAME'@'%';
  GRANT ALL PRIVILEGES ON \`$NAME\`.* TO '$NAME'@'localhost';"

echo "jar:          $JAR"
echo "JVM options:  $JVM_OPTIONS $EXTRA"
echo "load:         write interval ${WRITE_INTERVAL}s for ${SECONDS_TO_RUN}s against $DB_HOST:$DB_PORT"

mkdir -p "$WORK/app"
# A private copy: a concurrent `mvn package` must not swap the jar under the running JVM.
cp "$JAR" "$WORK/client.jar"
# Started directly (no subshell) so that $! is the JVM itself; /app's layout: runs/ in the cwd.
LAUNCH=()
[ -n "$POD" ] && LAUNCH=("$POD_SIM" "membench$$")
(cd "$WORK/app" && exec env JDK_JAVA_OPTIONS="$JVM_OPTIONS" MARIADB_PASSWORD="$PASSWORD" \
  "${LAUNCH[@]}" java $EXTRA -jar "$WORK/client.jar" run --host "$DB_HOST" --port "$DB_PORT" --user "$NAME" \
  --database "$NAME" --write-interval "$WRITE_INTERVAL" --client-id membench --stats-every 500) \
  > "$WORK/client.log" 2>&1 &
PID=$!
if [ -n "$POD" ]; then
  # pod-sim runs the JVM as its child: sample and stop the JVM itself.
  for _ in $(seq 1 50); do JVM=$(pgrep -f "$WORK/client.jar" | grep -vx "$PID" | tail -1 || true); [ -n "$JVM" ] && break; sleep 0.1; done
  POD_PID=$PID
  PID=$JVM
fi

kib() { awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$PID/status" 2>/dev/null || true; }
PEAK_KIB=0
SAMPLES=0
for _ in $(seq 1 "$SECONDS_TO_RUN"); do
  sleep 1
  kill -0 "$PID" 2>/dev/null || { echo "client exited early:" >&2; tail -30 "$WORK/client.log" >&2; exit 1; }
  RSS=$(kib VmRSS)
  [ -n "$RSS" ] || continue
  SAMPLES=$((SAMPLES + 1))
  [ "$RSS" -gt "$PEAK_KIB" ] && PEAK_KIB=$RSS
  if [ "$SAMPLE_EVERY" -gt 0 ] && [ $((SAMPLES % SAMPLE_EVERY)) -eq 0 ]; then
    cg=/sys/fs/cgroup/memory/podsim-membench$$/memory.usage_in_bytes
    echo "sample t=${SAMPLES}s: RSS $(awk -v k="$RSS" 'BEGIN { printf "%.1f", k / 1024 }') MiB$([ -n "$POD" ] && [ -r "$cg" ] && awk -v b="$(cat "$cg")" 'BEGIN { printf ", pod memory %.1f MiB", b / 1048576 }'), rows $($ADMIN -N -e "SELECT COUNT(*) FROM \`$NAME\`.failover_test" 2>/dev/null || echo "?")"
  fi
done
HWM_KIB=$(kib VmHWM)
LAST_KIB=$(kib VmRSS)

kill -TERM "$PID"
STATUS=0
if [ -n "$POD" ]; then wait "$POD_PID" || STATUS=$?; else wait "$PID" || STATUS=$?; fi
PID=""
ROWS=$($ADMIN -N -e "SELECT COUNT(*) FROM \`$NAME\`.failover_test" 2>/dev/null || echo "?")

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
echo "exit status:  $STATUS (after SIGTERM)"
echo "rows written: $ROWS (expected about $(awk -v s="$SECONDS_TO_RUN" -v i="$WRITE_INTERVAL" 'BEGIN { printf "%d", s / i }'))"
echo "RSS samples:  $SAMPLES, last $(mib "${LAST_KIB:-0}") MiB"
echo "peak RSS:     $(mib "$PEAK_KIB") MiB sampled (VmRSS), $(mib "${HWM_KIB:-0}") MiB high-water mark (VmHWM); target <= $TARGET_MIB MiB"
echo "--- last lines of the client log"
tail -15 "$WORK/client.log"

FAIL=0
if grep -v "^NOTE: Picked up JDK_JAVA_OPTIONS" "$WORK/client.log" | grep -q "OutOfMemoryError"; then echo "FAIL: OutOfMemoryError in the log"; FAIL=1; fi
if [ "${HWM_KIB:-0}" -gt $((TARGET_MIB * 1024)) ]; then echo "FAIL: peak RSS above ${TARGET_MIB} MiB"; FAIL=1; fi
if [ "$STATUS" -ne 0 ] && [ "$STATUS" -ne 1 ]; then echo "FAIL: exit status $STATUS"; FAIL=1; fi
[ "$FAIL" -eq 0 ] && echo "PASS"
exit "$FAIL"
