#!/usr/bin/env bash
# Writer throughput against a bare JDBC insert loop, on the local MariaDB (127.0.0.1:3306, root
# without password), in the same run. Usage: bench/throughput.sh [seconds]   (default 20)
# Needs the jar: mvn -B -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
jar=target/mariadb-failover-client.jar
db=fc_bench_$$
work=$(mktemp -d)
cleanup() { mariadb -uroot -e "DROP DATABASE IF EXISTS $db; DROP USER IF EXISTS 'fc_bench'@'127.0.0.1', 'fc_bench'@'localhost';"; rm -rf "$work"; }
trap cleanup EXIT
mariadb -uroot -e "CREATE DATABASE $db; CREATE USER 'fc_bench'@'127.0.0.1' IDENTIFIED BY 'bench'; CREATE USER 'fc_bench'@'localhost' IDENTIFIED BY 'bench';
  GRANT ALL ON $db.* TO 'fc_bench'@'127.0.0.1'; GRANT ALL ON $db.* TO 'fc_bench'@'localhost';"
mariadb -uroot "$db" < <(java -cp "$jar" bench/PrintSchema.java)

bare() { java -cp "$jar" bench/BareInsertLoop.java "jdbc:mariadb://127.0.0.1:3306/$db" fc_bench bench "$secs"; }
# Bare loop before and after the writer, so a warming server favours neither side.
bare
MARIADB_PASSWORD=bench java -jar "$jar" --host 127.0.0.1 --user fc_bench --database "$db" --client-id writer \
  --write-interval 0 --duration "${secs}s" --stats-every 1000000 --run-dir "$work/run" --json "$work/summary.json" \
  > "$work/writer.log"
wps=$(grep -o '"throughput_wps" : [0-9.]*' "$work/summary.json" | grep -o '[0-9.]*$')
bare
echo "writer (ledger + log line per write, stdout to a file): $wps writes/s"
