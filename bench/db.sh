# Sourced by the benchmark scripts, from the repository root with $jar set: a database and a user of
# this run only (two benchmarks at once must not drop each other's), the client's table in it, a
# scratch folder $work, and all of it removed on exit. Sets db, user (password: bench), work, port.
#   . bench/db.sh PREFIX
# By default on the local MariaDB (127.0.0.1:3306, `mariadb -uroot`). BENCH_SERVER=private starts
# a server of this run instead, its data on tmpfs (/dev/shm) and no flush at commit (needs mariadbd
# and mariadb-install-db on PATH): the local server's fsync per commit varies with the disk from
# round to round (here 1,700 to 2,900 writes/s for the same bare loop), which hides the client's
# own cost; on tmpfs every round sees the same server and the client's cost is a larger share.
db=${1}_$$
user=$db
work=$(mktemp -d)
port=3306
admin=(mariadb -uroot)
if [ "${BENCH_SERVER:-local}" = private ]; then
  data=$(mktemp -d /dev/shm/bench.XXXXXX)
  port=$((33100 + $$ % 800))
  mariadb-install-db --no-defaults --datadir="$data/data" --user="$(id -un)" --auth-root-authentication-method=socket \
    --skip-test-db > "$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
  mariadbd --no-defaults --datadir="$data/data" --socket="$data/sock" --pid-file="$data/pid" --port="$port" \
    --bind-address=127.0.0.1 --user="$(id -un)" --skip-log-bin --innodb-flush-log-at-trx-commit=0 \
    --innodb-flush-method=fsync --innodb-buffer-pool-size=256M > "$work/server.log" 2>&1 &
  admin=(mariadb --no-defaults --socket="$data/sock" -uroot)
  for _ in $(seq 60); do "${admin[@]}" -e 'SELECT 1' > /dev/null 2>&1 && break; sleep 1; done
  "${admin[@]}" -e 'SELECT 1' > /dev/null || { cat "$work/server.log"; exit 1; }
fi
cleanup() {
  if [ -n "${data:-}" ]; then
    kill "$(cat "$data/pid")" 2>/dev/null
    for _ in $(seq 100); do [ -e "$data/pid" ] || break; sleep 0.2; done
    rm -rf "$data"
  else
    "${admin[@]}" -e "DROP DATABASE IF EXISTS $db; DROP USER IF EXISTS '$user'@'127.0.0.1', '$user'@'localhost';"
  fi
  rm -rf "$work"
}
trap cleanup EXIT
"${admin[@]}" -e "CREATE DATABASE $db; CREATE USER '$user'@'127.0.0.1' IDENTIFIED BY 'bench'; CREATE USER '$user'@'localhost' IDENTIFIED BY 'bench';
  GRANT ALL ON $db.* TO '$user'@'127.0.0.1'; GRANT ALL ON $db.* TO '$user'@'localhost';"
"${admin[@]}" "$db" < <(java -cp "$jar" bench/PrintSchema.java)
