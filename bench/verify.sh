#!/usr/bin/env bash
# verify on CLIENTS x ROWS acknowledged writes (default 10 x 100000) on the local MariaDB, beside
# the seed's "find specific gaps" self-join on the same data (limited to LIMIT seconds, default 30).
# Usage: bench/verify.sh [clients] [rows] [limit]     Needs: mvn -B -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-10}; rows=${2:-100000}; limit=${3:-30}
jar=target/mariadb-failover-client.jar
db=fc_vbench_$$
work=$(mktemp -d)
cleanup() { mariadb -uroot -e "DROP DATABASE IF EXISTS $db; DROP USER IF EXISTS 'fc_vbench'@'127.0.0.1', 'fc_vbench'@'localhost';"; rm -rf "$work"; }
trap cleanup EXIT
mariadb -uroot -e "CREATE DATABASE $db; CREATE USER 'fc_vbench'@'127.0.0.1' IDENTIFIED BY 'bench'; CREATE USER 'fc_vbench'@'localhost' IDENTIFIED BY 'bench';
  GRANT ALL ON $db.* TO 'fc_vbench'@'127.0.0.1'; GRANT ALL ON $db.* TO 'fc_vbench'@'localhost';"
echo "generating $clients x $rows rows and ledgers..."
java -cp "$jar" bench/MakeRun.java "jdbc:mariadb://127.0.0.1:3306/$db" fc_vbench bench "$work/run" "$clients" "$rows"

start=$(date +%s.%N)
MARIADB_PASSWORD=bench /usr/bin/time -f "verify peak RSS: %M KiB" java -jar "$jar" verify --host 127.0.0.1 \
  --user fc_vbench --database "$db" --run-dir "$work/run" > "$work/verify.out"
end=$(date +%s.%N)
head -1 "$work/verify.out"
printf 'verify wall clock (JVM start included): %.2f s\n' "$(echo "$end - $start" | bc)"

start=$(date +%s.%N)
if mariadb -uroot "$db" -e "SET STATEMENT max_statement_time=$limit FOR
  SELECT t1.sequence + 1 AS gap_start, MIN(t2.sequence) - 1 AS gap_end
  FROM failover_test t1 LEFT JOIN failover_test t2 ON t2.sequence > t1.sequence
  WHERE t1.client_id = 'bench-1' GROUP BY t1.sequence HAVING gap_start < MIN(t2.sequence)" > /dev/null 2>"$work/seed.err"; then
  end=$(date +%s.%N); printf "seed's self-join (one client): %.2f s\n" "$(echo "$end - $start" | bc)"
else
  echo "seed's self-join (one client): did not finish within ${limit} s ($(head -c 120 "$work/seed.err"))"
fi
start=$(date +%s.%N)
mariadb -uroot "$db" -e "SELECT client_id, prev_seq + 1 AS gap_start, sequence - 1 AS gap_end FROM (
  SELECT client_id, sequence, LAG(sequence) OVER (PARTITION BY client_id ORDER BY sequence) AS prev_seq
  FROM failover_test) t WHERE sequence > prev_seq + 1" > /dev/null
end=$(date +%s.%N); printf "README's window-function gap query (all clients): %.2f s\n" "$(echo "$end - $start" | bc)"
