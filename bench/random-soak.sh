#!/usr/bin/env bash
# A soak of `lab --schedule random`: faults drawn from a seed for a given time, the JVM's memory
# sampled every minute (RSS, old generation and heap in use, from jstat), then the verdict, the faults
# run (by the schedule's own count) and the anomalies beside them.
#   bench/random-soak.sh [duration] [seed] [lab options…]   default 30m, seed 2026
# Needs the jar (mvn -B -DskipTests package) and the JDK's jstat.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-30m}
seed=${2:-2026}
shift 2 || shift $# || true
jar=$(readlink -f "${JAR:-target/mariadb-failover-client.jar}")
work=${WORK:-$(mktemp -d)}
echo "run folder $work/run, output $work/out.txt"
java -jar "$jar" lab --schedule random --duration "$duration" --seed "$seed" --run-dir "$work/run" "$@" \
  > "$work/out.txt" 2>&1 &
pid=$!
start=$(date +%s)
while kill -0 "$pid" 2> /dev/null; do
  sleep 60
  kill -0 "$pid" 2> /dev/null || break
  # jstat -gc: S0U S1U EU OU are columns 3 4 6 8 (KiB)
  printf '%5d s  RSS %6d KiB  %s\n' $(($(date +%s) - start)) "$(ps -o rss= -p "$pid")" \
    "$(jstat -gc "$pid" | awk 'NR==2 {printf "old %d KiB, heap in use %d KiB", $8, $3+$4+$6+$8}')"
done
wait "$pid" && code=0 || code=$?
echo "exit $code"
grep -E '^(Schedule|Verdict):' "$work/out.txt" || true
sed -n '/^Anomalies beside the faults:/,/^[^ ]/p' "$work/out.txt"
python3 - "$work/run/events.jsonl" <<'PY'
import collections, json, sys
faults = collections.Counter()
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e["type"] == "scheduled":
        faults[e["detail"].split(" ", 1)[0]] += 1
print("faults run:", sum(faults.values()), dict(sorted(faults.items())))
PY
