#!/usr/bin/env python3
"""Times a pstscope query on a store: prints what was queried and the median wall time in ms
over 21 runs, process start included.

usage: query_times.py BINARY STORE gaps      (gaps --contact, for the contact with the most mail)
       query_times.py BINARY STORE senders   (senders --top 50)
"""
import sqlite3
import statistics
import subprocess
import sys
import time

binary, store, command = sys.argv[1:4]
if command == "gaps":
    with sqlite3.connect(store) as db:
        (subject,) = db.execute(
            "SELECT contact_email FROM timeline_entities WHERE contact_email != '' ORDER BY messages DESC LIMIT 1"
        ).fetchone()
    arguments = [binary, "gaps", "--store", store, "--contact", subject, "--format", "json"]
else:
    subject = "top-50"
    arguments = [binary, "senders", "--store", store, "--top", "50", "--format", "json"]
times = []
for _ in range(21):
    start = time.perf_counter()
    subprocess.run(arguments, check=True, stdout=subprocess.DEVNULL)
    times.append((time.perf_counter() - start) * 1000)
print(subject, f"{statistics.median(times):.1f}")
