#!/usr/bin/python3
"""The reference row of bench/pod.sh: a Python client that writes like the seed's (SEED.md), with
PyMySQL: one INSERT and one COMMIT per write (two round trips), a log line per write through the
logging module, to stdout. Usage: seed_like.py HOST USER PASSWORD DATABASE SECONDS [PORT]
Prints the writes per second over the loop on its last line."""
import datetime
import logging
import sys
import time

import pymysql

host, user, password, database, seconds = sys.argv[1:6]
port = int(sys.argv[6]) if len(sys.argv) > 6 else 3306
logging.basicConfig(level=logging.INFO, format="%(asctime)s [%(levelname)s] %(message)s",
                    datefmt="%Y-%m-%d %H:%M:%S", stream=sys.stdout)
log = logging.getLogger("seed-like")
conn = pymysql.connect(host=host, port=port, user=user, password=password, database=database, autocommit=False)
cur = conn.cursor()
ok = total = seq = 0
start = time.time()
end = start + float(seconds)
while time.time() < end:
    seq += 1
    total += 1
    t0 = time.time()
    cur.execute("INSERT INTO failover_test (client_id, sequence, write_timestamp, hostname) VALUES (%s, %s, %s, %s)",
                ("seed-like", seq, datetime.datetime.now(), "bench"))
    conn.commit()
    ok += 1
    log.info("✓ Wrote sequence %d (latency: %.2fms, success_rate: %.1f%%)", seq, (time.time() - t0) * 1000,
             ok / total * 100)
elapsed = time.time() - start
print("seed-like Python client: %d writes in %.1f s = %.1f writes/s" % (total, elapsed, total / elapsed),
      file=sys.stderr)
