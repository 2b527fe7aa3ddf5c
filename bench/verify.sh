#!/usr/bin/env bash
# verify on CLIENTS x ROWS acknowledged writes (default 10 x 100000) against the local MariaDB
# (127.0.0.1:3306, root without password); prints each round's verdict, wall clock and peak memory.
#   bench/verify.sh [clients] [rows] [rounds]           rounds default 3
# Environment:
#   REFERENCE_JAR=FILE  also run this jar (e.g. an earlier build), alternating with ours: A B A B …
#   POD=1               run under pod-sim (the chart's 128Mi; CPU_QUOTA_US, default one whole CPU, so
#                       that the figure is memory, not CPU starvation) with the Dockerfile's JVM options
#   POD_SIM=FILE        the pod-sim tool (default ../shared/tools/pod-sim)
#   SEED_QUERIES=1      also time the seed's self-join gap query and the window query of docs/verify.md
#   SEGMENTS=N          also a folder with the same attempts in N segments per client (a client killed and
#                       started again N - 1 times), verified alternately with the one-segment folder
# Needs: mvn -B -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-10}; rows=${2:-100000}; rounds=${3:-3}
jar=target/mariadb-failover-client.jar
. bench/db.sh fc_vbench

echo "generating $clients x $rows rows and ledgers..."
java -cp "$jar" bench/MakeRun.java "$work/run" "$clients" "$rows"
[ -z "${SEGMENTS:-}" ] || java -cp "$jar" bench/MakeRun.java "$work/segmented" "$clients" "$rows" "$SEGMENTS"
for i in $(seq 1 "$clients"); do
  mariadb -uroot "$db" -e "INSERT INTO failover_test (client_id, sequence, write_timestamp, hostname)
    SELECT 'bench-$i', seq, NOW(6), 'bench' FROM seq_1_to_$rows"
done
du -sh "$work/run" | sed 's/^/ledgers: /'

opts=$(sed -n 's/^ENV JDK_JAVA_OPTIONS="\(.*\)"$/\1/p' Dockerfile)
pod_sim=${POD_SIM:-../shared/tools/pod-sim}
one() { # label jar [run folder]
  local start end run=${3:-$work/run}
  start=$(date +%s.%N)
  if [ "${POD:-0}" = 1 ]; then
    CPU_QUOTA_US=${CPU_QUOTA_US:-100000} JDK_JAVA_OPTIONS="$opts" MARIADB_PASSWORD=bench "$pod_sim" vbench \
      /usr/bin/time -f "%M" -o "$work/rss" java -jar "$2" verify --host 127.0.0.1 --user "$user" \
      --database "$db" --run-dir "$run" > "$work/out" 2> "$work/err" || true
    # The cgroup's peak counts the page cache of the ledgers read; the JVM's own peak is its RSS.
    mem="JVM peak RSS $(( $(tail -1 "$work/rss") / 1024 )) MiB, pod $(grep -o 'peak memory [0-9]* MiB' "$work/err" \
      | sed 's/peak memory //') (page cache included)"
  else
    MARIADB_PASSWORD=bench /usr/bin/time -f "%M" -o "$work/rss" java -jar "$2" verify --host 127.0.0.1 \
      --user "$user" --database "$db" --run-dir "$run" > "$work/out" 2> "$work/err" || true
    mem="peak RSS $(( $(cat "$work/rss") / 1024 )) MiB"
  fi
  end=$(date +%s.%N)
  printf '%-10s %6.2f s  %s  %s\n' "$1" "$(echo "$end - $start" | bc)" "$mem" \
    "$(grep -m1 -e '^Verdict' -e '^Terminating due to' -e '^error' "$work/out" "$work/err" | sed 's/^[^:]*://' || true)"
}
for r in $(seq 1 "$rounds"); do
  one "this" "$jar"
  [ -n "${REFERENCE_JAR:-}" ] && one "reference" "$REFERENCE_JAR"
  [ -z "${SEGMENTS:-}" ] || one "$SEGMENTS segs" "$jar" "$work/segmented"
done

if [ "${SEED_QUERIES:-0}" = 1 ]; then
  start=$(date +%s.%N)
  if mariadb -uroot "$db" -e "SET STATEMENT max_statement_time=30 FOR
    SELECT t1.sequence + 1 AS gap_start, MIN(t2.sequence) - 1 AS gap_end
    FROM failover_test t1 LEFT JOIN failover_test t2 ON t2.sequence > t1.sequence
    WHERE t1.client_id = 'bench-1' GROUP BY t1.sequence HAVING gap_start < MIN(t2.sequence)" > /dev/null 2>"$work/seed.err"; then
    end=$(date +%s.%N); printf "seed's self-join (one client): %.2f s\n" "$(echo "$end - $start" | bc)"
  else
    echo "seed's self-join (one client): did not finish within 30 s ($(head -c 120 "$work/seed.err"))"
  fi
  start=$(date +%s.%N)
  mariadb -uroot "$db" -e "SELECT client_id, prev_seq + 1 AS gap_start, sequence - 1 AS gap_end FROM (
    SELECT client_id, sequence, LAG(sequence) OVER (PARTITION BY BINARY client_id ORDER BY sequence) AS prev_seq
    FROM failover_test) t WHERE sequence > prev_seq + 1" > /dev/null
  end=$(date +%s.%N); printf "the window-function gap query of docs/verify.md (all clients): %.2f s\n" "$(echo "$end - $start" | bc)"
fi
