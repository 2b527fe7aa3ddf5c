#!/usr/bin/env bash
# How long `lab serve` takes to serve, against the leanest reference: `lab`'s own cluster start (the
# same nodes, proxies and users, then writers and a fault). Alternating in one run, per round: `lab
# serve` launched until it prints its endpoints ("Lab serving: …", the wall time from launch and the
# start it reports), then SIGTERM until the process is gone (and no mariadbd of it left); and `lab`
# launched until it prints "Lab: … ready" (the same two figures), then SIGTERM.
#   bench/lab-serve.sh [rounds] [lab options…]     default 3 rounds, e.g. --topology galera
# Needs the jar (mvn -B -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
shift || true
jar=$(readlink -f "${JAR:-target/mariadb-failover-client.jar}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Launches "$@" in $work/$name, waits for a line matching $pattern, prints "wall ms / reported s",
# then SIGTERM and the ms until the process ended.
measure() { # name pattern args…
  local name=$1 pattern=$2 launched ready pid line stopped before left
  shift 2
  before=$(pgrep -x mariadbd | sort || true)
  launched=$(date +%s%3N)
  (cd "$work" && exec java -jar "$jar" "$@" --run-dir "$work/$name" > "$work/$name.out" 2>&1) &
  pid=$!
  for _ in $(seq 1200); do
    line=$(grep -m1 -E "$pattern" "$work/$name.out" 2>/dev/null || true)
    [ -n "$line" ] && break
    sleep 0.05
  done
  [ -n "$line" ] || { echo "$name never started:"; tail -5 "$work/$name.out"; kill -9 "$pid"; exit 1; }
  ready=$(date +%s%3N)
  kill -TERM "$pid"
  wait "$pid" || true
  stopped=$(date +%s%3N)
  left=$(comm -13 <(echo "$before") <(pgrep -x mariadbd | sort || true))
  if [ -n "$left" ]; then echo "$name left mariadbd $left behind"; exit 1; fi
  printf '%s: ready for clients after %d ms (it says %s), stopped %d ms after SIGTERM\n' "$name" $((ready - launched)) \
    "$(grep -oE 'ready in [0-9.]+ s' <<< "$line")" $((stopped - ready))
}

for r in $(seq "$rounds"); do
  measure "serve-$r" '^Lab serving:' lab serve "$@"
  measure "lab-$r" '^Lab: .* ready' lab --warmup 60s "$@"
done
