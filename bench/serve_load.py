"""`pstscope serve` on a store: each page's and API call's latency, then a load from 32 connections.

Usage: serve_load.py PSTSCOPE STORE [SECONDS]    (prints the results as JSON)
       serve_load.py PSTSCOPE STORE SECONDS RESULTS.json MESSAGES
           (writes them as a results file of their own, beside `make bench`'s, for a store of
           MESSAGES messages; bench/summarize.py shows the newest in bench/README.md)

`make bench` runs it on its largest store, as part of the queries on that store.

Reads the store file once (so that it is in the system's file cache, as for a server that has
run a while), starts the server on a free loopback port, picks what to ask from the store itself (its largest
mailbox, its biggest gaps, its most important contacts, common and rare subject words: up to
VARIANTS of each), asks each route once cold, then SAMPLES times one after another, going
through its variants (p50, p95, max; the goal is a p95 under 200 ms), then runs CONNECTIONS keep-alive connections for SECONDS, each asking the routes in
turn: requests, errors (anything but a 2xx, or no answer), p50/p95/p99. Reports the server's
resident memory (now and peak) from /proc.
"""

import http.client
import json
import os
import platform
import re
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote, urlsplit

SAMPLES = 30
VARIANTS = 30
CONNECTIONS = 32
GOAL_MS = 200


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return None
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))
    return round(ordered[index], 2)


def pick(store):
    """What users would ask of this store, read from it: VARIANTS of each kind of question, so
    that what the server keeps between requests of one version of the store (the overview, the
    network, a contact's page) is measured once per variant, not answered from memory each time."""
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    custodian = db.execute("""SELECT custodian FROM timeline_entities WHERE contact_email = ''
                              ORDER BY messages DESC LIMIT 1""").fetchone()[0]
    gaps = db.execute("""SELECT e.contact_email, g.start_day FROM timeline_gaps g JOIN timeline_entities e ON e.id = g.entity_id
                         WHERE e.custodian = ? ORDER BY e.contact_email != '', g.expected_messages DESC LIMIT ?""",
                      (custodian, VARIANTS)).fetchall()
    contacts = [row[0] for row in db.execute("""SELECT email FROM sender_profiles WHERE custodian = ?
                                                ORDER BY importance_score DESC LIMIT ?""", (custodian, VARIANTS))]
    words = Counter()
    for (subject,) in db.execute("SELECT subject FROM messages WHERE subject IS NOT NULL LIMIT 20000"):
        words.update(set(w for w in re.findall(r"[^\W\d_]{4,}", subject.lower())))
    db.close()
    common = [w for w, _ in words.most_common(VARIANTS)]
    return {"custodian": custodian, "gaps": gaps, "contacts": contacts, "common_words": common,
            "rare_words": [w for w, _ in words.most_common()][-VARIANTS:]}


def routes(chosen):
    """Each route's variants, by name."""
    c = quote(chosen["custodian"])
    contacts = [quote(e) for e in chosen["contacts"]]
    common = [quote(w) for w in chosen["common_words"]]
    named = {
        "overview": ["/"], "overview_api": ["/api/v1/overview"],
        "custodian": [f"/custodian?custodian={c}"], "custodian_api": [f"/api/v1/custodian?custodian={c}"],
        "contact": [f"/contact?email={e}" for e in contacts], "contact_api": [f"/api/v1/contact?email={e}" for e in contacts],
        "network": ["/network"], "network_api": ["/api/v1/network"],
        "search_common": [f"/messages?q={w}" for w in common],
        "search_common_api": [f"/api/v1/messages?q={w}" for w in common],
        "search_rare_api": [f"/api/v1/messages?q={quote(w)}" for w in chosen["rare_words"]],
        "search_in_mailbox_api": [f"/api/v1/messages?q={w}&custodian={c}" for w in common],
        "autocomplete_api": [f"/api/v1/contacts?q={quote(e[:3])}" for e in chosen["contacts"]],
        "sessions": ["/sessions"], "gaps_api": [f"/api/v1/gaps?custodian={c}"],
    }
    if chosen["gaps"]:
        named["gap"] = [f"/gap?custodian={c}&start={start}" + (f"&contact={quote(contact)}" if contact else "")
                        for contact, start in chosen["gaps"]]
        named["gap_api"] = ["/api/v1" + path for path in named["gap"]]
    return named


def ask(connection, path):
    started = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    return response.status, (time.perf_counter() - started) * 1000, len(body)


def latencies(host, port, named):
    connection = http.client.HTTPConnection(host, port, timeout=60)
    result = {}
    for name, paths in named.items():
        status, cold, size = ask(connection, paths[0])
        times, statuses = [], Counter()
        for index in range(SAMPLES):
            status, milliseconds, size = ask(connection, paths[(index + 1) % len(paths)])
            times.append(milliseconds)
            statuses[status] += 1
        result[name] = {"status": max(statuses, key=lambda s: (s != 200, s)), "bytes": size, "variants": len(paths),
                        "cold_ms": round(cold, 2), "p50_ms": round(statistics.median(times), 2),
                        "p95_ms": percentile(times, 0.95), "max_ms": round(max(times), 2), "samples": SAMPLES}
    connection.close()
    return result


def load(host, port, paths, seconds):
    """CONNECTIONS threads, each on its own keep-alive connection, asking the routes in turn."""
    stop = time.monotonic() + seconds
    times, errors, lock = [], Counter(), threading.Lock()

    def worker(offset):
        connection = http.client.HTTPConnection(host, port, timeout=30)
        mine, failed = [], Counter()
        index = offset
        while time.monotonic() < stop:
            path = paths[index % len(paths)]
            index += 1
            try:
                status, milliseconds, _ = ask(connection, path)
                mine.append(milliseconds)
                if not 200 <= status < 300:
                    failed[f"status {status}"] += 1
            except Exception as error:  # a refused, reset or timed-out request is an error
                failed[type(error).__name__] += 1
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=30)
        connection.close()
        with lock:
            times.extend(mine)
            errors.update(failed)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(CONNECTIONS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {"connections": CONNECTIONS, "seconds": round(elapsed, 1), "requests": len(times),
            "requests_per_second": round(len(times) / elapsed, 1), "errors": sum(errors.values()),
            "error_kinds": dict(errors), "p50_ms": percentile(times, 0.5), "p95_ms": percentile(times, 0.95),
            "p99_ms": percentile(times, 0.99), "max_ms": round(max(times), 2) if times else None}


def memory(pid):
    fields = {}
    for line in open(f"/proc/{pid}/status"):
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0])
    return {"rss_kb": fields.get("VmRSS"), "peak_rss_kb": fields.get("VmHWM")}


def warm(store):
    """Reads the store once, as a server that has run a while has it in the system's file cache:
    otherwise the first visit to each contact measures the disk, not pstscope. Returns seconds."""
    started = time.perf_counter()
    with open(store, "rb") as file:
        while file.read(1 << 24):
            pass
    return round(time.perf_counter() - started, 2)


def measure(binary, store, seconds=30):
    warmed = warm(store)
    server = subprocess.Popen([str(binary), "serve", "--store", str(store), "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = server.stdout.readline()
        address = re.search(r"http://[^ ]+/", line)
        if not address:
            raise RuntimeError(f"serve did not start: {line!r}")
        url = urlsplit(address.group(0))
        chosen = pick(store)
        named = routes(chosen)
        started_memory = memory(server.pid)
        single = latencies(url.hostname, url.port, named)
        under_load = load(url.hostname, url.port, [path for paths in named.values() for path in paths], seconds)
        slowest = max(single, key=lambda n: single[n]["p95_ms"])
        return {
            "store_bytes": os.path.getsize(store), "store_read_seconds": warmed,
            "asked": chosen, "routes": named, "latency": single,
            "slowest_p95": {"route": slowest, "p95_ms": single[slowest]["p95_ms"]},
            "all_p95_under_goal": all(r["p95_ms"] < GOAL_MS and r["status"] == 200 for r in single.values()),
            "load": under_load,
            "memory_at_start": started_memory, "memory_after_load": memory(server.pid),
        }
    finally:
        server.terminate()
        server.wait(timeout=30)


def main():
    seconds = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    result = measure(sys.argv[1], sys.argv[2], seconds)
    if len(sys.argv) <= 4:
        print(json.dumps(result, indent=1))
        return
    result["messages"] = int(sys.argv[5])
    load = os.getloadavg()
    document = {"schema": 2, "started": started, "label": f"serve-{sys.argv[5]}",
                "machine": {"cores": os.cpu_count(), "kernel": platform.release(),
                            "load_before": [round(v, 2) for v in load]},
                "file_sets": [], "checks": [], "errors": [], "serve": result}
    Path(sys.argv[4]).write_text(json.dumps(document, indent=1) + "\n")


if __name__ == "__main__":
    main()
