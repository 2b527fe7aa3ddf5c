#!/bin/sh
# Records the classes a run loads and dumps them, with the JDK's own, into a static AppCDS archive,
# so that a pod limited to 100m CPU starts writing in about a third of the time (docs/kubernetes.md, "The image").
# Static rather than dynamic (-XX:ArchiveClassesAtExit): Java 17's dynamic archive leaves out class
# files older than Java 6, and picocli's are Java 5, so the command line was parsed and verified anew
# at every start (docs/benchmarks.md: first write). The image build runs it in a stage
# of its own, on the runtime's JRE, against a throwaway MariaDB; it also runs outside Docker:
#   docker/cds-train.sh JAR ARCHIVE
# needs mariadbd, mariadb-install-db and mariadb on PATH, and must run as root or as the owner of a
# writable temporary directory. The archive is only valid for the same JVM build and the same jar
# (path, size and time), which is why the image copies both from the stage that made them.
set -eu
jar=$1
archive=$2
work=$(mktemp -d)
trap 'kill "$(cat "$work/pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$work"' EXIT
mariadb-install-db --no-defaults --datadir="$work/data" --user="$(id -un)" --auth-root-authentication-method=socket \
  --skip-test-db > "$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
mariadbd --no-defaults --datadir="$work/data" --socket="$work/sock" --pid-file="$work/pid" --port=33061 \
  --bind-address=127.0.0.1 --user="$(id -un)" --skip-log-bin > "$work/server.log" 2>&1 &
i=0
until mariadb --no-defaults --socket="$work/sock" -uroot -e 'SELECT 1' > /dev/null 2>&1; do
  i=$((i + 1)); [ "$i" -lt 60 ] || { cat "$work/server.log"; exit 1; }; sleep 1
done
mariadb --no-defaults --socket="$work/sock" -uroot -e "CREATE DATABASE train;
  CREATE USER 'train'@'127.0.0.1' IDENTIFIED BY 'train'; GRANT ALL ON train.* TO 'train'@'127.0.0.1';"
# The run a pod makes (the HTTP endpoint on, as the chart sets it), a few seconds long; the JVM
# lists the classes it loaded when it exits, and a second JVM dumps them (same class path as the image's
# `java -jar`).
MARIADB_PASSWORD=train java -XX:DumpLoadedClassList="$work/classes.lst" -jar "$jar" --host 127.0.0.1 --port 33061 \
  --user train --database train --client-id train --write-interval 50ms --duration 3s --http-port 0 \
  --run-dir "$work/run" > "$work/run.log" 2>&1 || { cat "$work/run.log"; exit 1; }
java -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" -XX:SharedArchiveFile="$archive" -cp "$jar" \
  > "$work/dump.log" 2>&1 || { cat "$work/dump.log"; exit 1; }
test -s "$archive"
echo "cds-train: $(wc -c < "$archive") bytes in $archive"
