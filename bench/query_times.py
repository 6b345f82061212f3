#!/usr/bin/env python3
"""Times a pstscope query on a store: prints the entity queried and the median wall time in ms.

usage: query_times.py BINARY STORE gaps
"""
import sqlite3
import statistics
import subprocess
import sys
import time

binary, store, command = sys.argv[1:4]
with sqlite3.connect(store) as db:
    (contact,) = db.execute(
        "SELECT contact_email FROM timeline_entities WHERE contact_email != '' ORDER BY messages DESC LIMIT 1"
    ).fetchone()
arguments = [binary, command, "--store", store, "--contact", contact, "--format", "json"]
times = []
for _ in range(21):
    start = time.perf_counter()
    subprocess.run(arguments, check=True, stdout=subprocess.DEVNULL)
    times.append((time.perf_counter() - start) * 1000)
print(contact, f"{statistics.median(times):.1f}")
