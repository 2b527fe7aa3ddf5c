# Sourced by the benchmark scripts, from the repository root with $jar set: a database and a user of
# this run only (two benchmarks at once must not drop each other's), the client's table in it, a
# scratch folder $work, and all of it removed on exit. Needs `mariadb -uroot` on 127.0.0.1:3306.
#   . bench/db.sh PREFIX        sets db, user (password: bench) and work
db=${1}_$$
user=$db
work=$(mktemp -d)
cleanup() { mariadb -uroot -e "DROP DATABASE IF EXISTS $db; DROP USER IF EXISTS '$user'@'127.0.0.1', '$user'@'localhost';"; rm -rf "$work"; }
trap cleanup EXIT
mariadb -uroot -e "CREATE DATABASE $db; CREATE USER '$user'@'127.0.0.1' IDENTIFIED BY 'bench'; CREATE USER '$user'@'localhost' IDENTIFIED BY 'bench';
  GRANT ALL ON $db.* TO '$user'@'127.0.0.1'; GRANT ALL ON $db.* TO '$user'@'localhost';"
mariadb -uroot "$db" < <(java -cp "$jar" bench/PrintSchema.java)
