#!/usr/bin/env python3
"""pstscope's benchmark suite: every measurement of one `bench/run`, in one JSON file.

bench/run prepares the work directory (a copy of the pstscope binary, bench/walk.c compiled
against pkg-config's libpff and against Debian's) and calls this with its settings in the
environment; see bench/run for them. Everything is measured in this one run, so that the
ratios compare runs made under the same load.

Writes RESULTS/<UTC date>-<LABEL>.json, even when something fails; exits 1 when a tool
miscounted a generated file or a step could not run. A tool stopped at its time limit is
recorded as {"timed_out": true, "limit_s": N}: a finding, not a failure.
"""
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

import gap_accuracy
import serve_load

REPO = Path(__file__).resolve().parent.parent
WORK = Path(os.environ["WORK"])
BIN = os.environ["PSTSCOPE"]              # the copy in WORK, see bench/run
WALK = os.environ["WALK"]                 # bench/walk.c against pkg-config's libpff
WALK_DEBIAN = os.environ["WALK_DEBIAN"]   # bench/walk.c against Debian's libpff1
# pstscope starts each worker with a larger per-thread cache of freed blocks in glibc's malloc
# (Sources/Ingest/Worker/WorkerProcess.swift, `tunables`): the walks, pstscope's limit, run
# with the same setting. Other tools run as their users run them.
WALK_ENVIRONMENT = {**os.environ, "GLIBC_TUNABLES": "glibc.malloc.tcache_count=1024"}


def sizes(name, default):
    """A list of message counts; empty or 0 skips."""
    return sorted({int(n) for n in os.environ.get(name, default).split() if int(n) > 0})


def count_setting(name, default):
    """A number; empty or 0 skips."""
    value = os.environ.get(name, str(default)).strip()
    return int(value) if value else 0


def seconds_setting(name, default):
    """A time limit in seconds; empty or 0 means none."""
    return count_setting(name, default) or None


MESSAGES = sizes("MESSAGES", "100000 1000000")          # `large`, monthly archive folders
FLAT_MESSAGES = sizes("FLAT_MESSAGES", "200000")        # `large --layout flat`
SAMPLES = os.environ.get("SAMPLES", "")
CALLGRIND_MESSAGES = count_setting("CALLGRIND_MESSAGES", 20000)
PARALLEL_FILES = count_setting("PARALLEL_FILES", 8)
PARALLEL_MESSAGES = count_setting("PARALLEL_MESSAGES", 12500)
BACKUP_DURING_MESSAGES = count_setting("BACKUP_DURING_MESSAGES", 100000)
GAP_SEEDS = count_setting("GAP_SEEDS", 10)             # seeds per size of the gap-accuracy run; 0 skips
# Times on a shared machine drift by a third within minutes: on files of up to
# ROUNDS_MAX_MESSAGES the walk, `import --jobs 1` and `import --jobs 1 --no-monitor` run ROUNDS
# times back to back (and the parallel set's --jobs 1 and --jobs 2 as ROUNDS pairs); the goals
# take the median of the rounds' ratios. Above that size a round costs minutes: one run.
ROUNDS = max(1, count_setting("ROUNDS", 3))
ROUNDS_MAX_MESSAGES = count_setting("ROUNDS_MAX_MESSAGES", 200000)
DEBIAN_WALK_TIMEOUT = seconds_setting("DEBIAN_WALK_TIMEOUT", 600)
READPST_TIMEOUT = seconds_setting("READPST_TIMEOUT", 1200)
PFFEXPORT_TIMEOUT = seconds_setting("PFFEXPORT_TIMEOUT", 600)
# pffexport writes a directory per item: above this many messages a file skips it.
PFFEXPORT_MAX_MESSAGES = count_setting("PFFEXPORT_MAX_MESSAGES", 200000)
LABEL = os.environ.get("LABEL") or "-".join(
    [str(n) for n in MESSAGES] + [f"flat{n}" for n in FLAT_MESSAGES]) or "samples"
RESULTS = Path(os.environ.get("RESULTS", REPO / "bench" / "results"))

# What the tools write, for counting "items written". pffexport names each item's directory
# after its kind; an item inside an attachment (AttachmentNNNNN/MessageNNNNN) is not one more.
PFF_ITEM_DIR = re.compile(r"(Activity|Appointment|Contact|DistributionList|Document|Item|Meeting"
                          r"|Message|Note|RSS feed|Task|UNKNOWN)\d{5,}")
PFF_ATTACHMENT_DIR = re.compile(r"Attachment\d{5,}")
READPST_ITEM_SUFFIXES = (".eml", ".vcf")  # one file per message or contact; .ics files hold a folder

checks = []   # {"what", "ok", "detail"}: a failed one makes the run exit 1
errors = []   # steps that raised: recorded, and the run goes on with the next step
notes = []    # what the reader of the results should know (skipped parts, stopped tools)


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def check(what, ok, detail=""):
    checks.append({"what": what, "ok": bool(ok), "detail": detail})
    if not ok:
        log(f"CHECK FAILED: {what}: {detail}")


def step(name, function, *arguments):
    """Runs one section; an exception is recorded, not fatal, so the JSON is still written."""
    try:
        return function(*arguments)
    except Exception as error:  # noqa: BLE001 — any failure of a step is reported the same way
        errors.append({"step": name, "error": f"{type(error).__name__}: {error}"})
        log(f"{name} failed:\n{traceback.format_exc()}")
        return None


def rate(items, seconds):
    return round(items / seconds, 1) if items and seconds else None


def ratio(numerator, denominator, digits=3):
    return round(numerator / denominator, digits) if numerator and denominator else None


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def shown(path):
    """A path as it reads in the JSON: the work directory is gone after the run."""
    return (str(path).replace(BIN, "pstscope").replace(WALK_DEBIAN, "walk-debian")
            .replace(WALK, "walk").replace(str(WORK), "$WORK"))


def remove(*paths):
    for path in paths:
        path = Path(path)
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


# --- Running one command ---------------------------------------------------------------------

def kill_group(process):
    """Kills the process group PROCESS leads: GNU time, the tool and the tool's children."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass

_runs = 0


def measure(name, command, limit=None, environment=None):
    """Runs COMMAND under GNU time, in a process group of its own. Returns its record (wall
    seconds, CPU seconds, peak resident memory, exit code, the load average before it started)
    and the paths of its stdout and stderr.

    With LIMIT (seconds), the whole group is killed when the command runs longer; the record
    then says {"timed_out": true, "limit_s": LIMIT} and has no seconds, CPU or memory figures.

    GNU time's %M is the largest resident set of the process and of its waited-for children
    (the workers of an import included), not their sum; imports add the store's sampled sum."""
    global _runs
    _runs += 1
    base = WORK / "logs" / f"{_runs:03d}-{name}"
    base.parent.mkdir(exist_ok=True)
    out, err, timing = (base.with_suffix(s) for s in (".out", ".err", ".time"))
    command = [str(part) for part in command]
    load = os.getloadavg()[0]
    start = time.perf_counter()
    timed_out = False
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        # In WORK: a pstscope.toml in the caller's directory would otherwise apply.
        process = subprocess.Popen(["/usr/bin/time", "-f", "%U %S %M", "-o", str(timing), *command],
                                   stdout=stdout, stderr=stderr, cwd=WORK, start_new_session=True,
                                   env=environment)
        try:
            code = process.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            timed_out = True
            kill_group(process)
            code = process.wait()
        except BaseException:  # interrupted: leave nothing of the group running
            kill_group(process)
            process.wait()
            raise
    seconds = time.perf_counter() - start
    record = {"command": shown(shlex.join(command)), "load_before": round(load, 2)}
    if timed_out:
        # Anything the killed group's members left behind (a worker is its own child) is gone.
        record.update(timed_out=True, limit_s=limit, stopped_after_s=round(seconds, 1),
                      exit_code=None, seconds=None, cpu_seconds=None, peak_rss_mb=None)
        log(f"{name}: stopped after {limit} s")
        return record, out, err
    # On failure GNU time writes "Command exited with non-zero status N" before the figures.
    user, system, peak_kb = timing.read_text().strip().splitlines()[-1].split()
    record.update(
        exit_code=code,
        seconds=round(seconds, 3),
        cpu_seconds=round(float(user) + float(system), 2),
        peak_rss_mb=round(int(peak_kb) / 1024, 1),
    )
    if limit:
        record["limit_s"] = limit
    if code != 0:
        record["stderr_tail"] = err.read_text(errors="replace")[-600:]
    log(f"{name}: {record['seconds']} s, {record['peak_rss_mb']} MB, exit {code}")
    return record, out, err


# --- The tools -------------------------------------------------------------------------------

def synth(path, scenario, messages, seed, layout=None):
    """A generated PST (Outlook's numbering: node ids ascending in arrival order); returns
    (record, the items its ground truth holds: messages, meeting requests included, and
    contacts), the count every reader must find."""
    record, _, _ = measure(f"synth-{path.stem}", [
        BIN, "synth", "--out", path, "--scenario", scenario, "--messages", messages, "--seed", seed,
        *(["--layout", layout] if layout else [])])
    if record["exit_code"] != 0:
        raise RuntimeError(f"synth {path.name} failed: {record.get('stderr_tail')}")
    truth = json.loads(path.with_suffix(".truth.json").read_text())
    path.with_suffix(".truth.json").unlink()  # large (tens of MB at 1M); only the count is needed
    return record, len(truth["messages"]) + len(truth.get("contact_items", []))


def walk(path, name, binary=WALK, limit=None):
    """The bare libpff walk: libpff's own cost for the properties pstscope reads."""
    record, out, _ = measure(name, [binary, path], limit, WALK_ENVIRONMENT)
    record["glibc_tunables"] = WALK_ENVIRONMENT["GLIBC_TUNABLES"]
    if record["exit_code"] == 0:
        line = json.loads(out.read_text())
        record.update(items=line["items"], failed_items=line["failed"], own_seconds=line["seconds"])
    return record


def store_figures(store):
    """What the store itself says: messages kept, and the session's peak memory (parent and
    workers together, sampled every 0.5 s; none without the monitor)."""
    with sqlite3.connect(store) as db:
        (messages,) = db.execute("SELECT COUNT(*) FROM messages").fetchone()
        (peak_kb,) = db.execute("SELECT MAX(peak_rss_kb) FROM import_sessions").fetchone()
    return messages, peak_kb


def pstscope_import(paths, name, jobs, monitor=True, keep_store=False):
    """`pstscope import` into a fresh store. items = emails + other items (contacts, meetings…),
    what the walk counts; phase_seconds is the import phase alone (without the analysis), from
    the session's batch metrics: none with --no-monitor, which records none."""
    store = WORK / f"{name}.sqlite"
    remove(store, f"{store}-wal", f"{store}-shm")
    command = [BIN, "import", *paths, "--store", store, "--jobs", jobs, "--quiet", "--format", "json",
               *([] if monitor else ["--no-monitor"])]
    record, out, _ = measure(name, command)
    record["monitor"] = monitor
    try:
        session = json.loads(out.read_text())
    except ValueError:
        session = None
    if session:
        performance = session.get("batch_performance") or {}
        record.update(
            emails=session["total_emails"],
            items=session["total_emails"] + session["other_items"],
            failed_items=session["error_summary"]["items_failed"],
            phase_seconds=performance.get("duration_seconds") if performance.get("batches") else None,
            file_status={Path(f["path"]).name: f["status"] for f in session["files"]},
        )
    if store.exists():
        record["store_messages"], peak_kb = store_figures(store)
        record["time_peak_rss_mb"] = record["peak_rss_mb"]
        record["store_peak_rss_mb"] = round(peak_kb / 1024, 1) if peak_kb else None
        record["peak_rss_mb"] = max(record["peak_rss_mb"], record["store_peak_rss_mb"] or 0)
    if keep_store:
        record["store"] = store
    else:
        remove(store, f"{store}-wal", f"{store}-shm")
    return record


def readpst(path, name):
    """readpst, one file per message (-r -e), deleted items included (-D); -j 0 because its
    parallel mode drops messages."""
    target = WORK / name
    target.mkdir()
    record, _, _ = measure(name, ["readpst", "-j", "0", "-r", "-D", "-e", "-q", "-o", target, path],
                           READPST_TIMEOUT)
    written = sum(name.endswith(READPST_ITEM_SUFFIXES) for _, _, files in os.walk(target) for name in files)
    record["items_written_when_stopped" if record.get("timed_out") else "items"] = written
    remove(target)
    return record


def pffexport(path, name):
    """pffexport (libpff's own exporter, Debian's libpff) in its default items mode: allocated
    items only."""
    target = WORK / name
    record, _, _ = measure(name, ["pffexport", "-m", "items", "-q", "-t", target, path], PFFEXPORT_TIMEOUT)
    written = sum(1 for root, directories, _ in os.walk(f"{target}.export")
                  if not PFF_ATTACHMENT_DIR.fullmatch(Path(root).name)
                  for directory in directories if PFF_ITEM_DIR.fullmatch(directory))
    record["items_written_when_stopped" if record.get("timed_out") else "items"] = written
    remove(f"{target}.export", f"{target}.orphans", f"{target}.recovered")
    return record


def readers(path, tag, messages=0, keep_store=False):
    """Every tool on one file, in this order: the walk, then the three imports that the goals set
    against it and each other back to back, then the slow peers."""
    measured = {
        "walk": walk(path, f"walk-{tag}"),
        "import_jobs1": pstscope_import([path], f"import-jobs1-{tag}", 1, keep_store=keep_store),
        "import_jobs1_no_monitor": pstscope_import([path], f"import-jobs1-nomon-{tag}", 1, monitor=False),
        "import_jobs2": pstscope_import([path], f"import-jobs2-{tag}", 2),
        "walk_debian": walk(path, f"walk-debian-{tag}", WALK_DEBIAN, DEBIAN_WALK_TIMEOUT),
        "readpst": readpst(path, f"readpst-{tag}"),
    }
    if messages <= PFFEXPORT_MAX_MESSAGES:
        measured["pffexport"] = pffexport(path, f"pffexport-{tag}")
    return measured


def round_ratios(walked, imported, unmonitored):
    """The ratios of one round of walk, import --jobs 1 and import --jobs 1 --no-monitor."""
    walk_rate = rate(walked.get("items"), walked["seconds"])
    return {
        # Goal 3: walk seconds ÷ import-phase seconds, i.e. the import's items/s over its
        # import phase ÷ the walk's items/s.
        "walk_vs_import_phase": ratio(rate(imported.get("items"), imported.get("phase_seconds")), walk_rate),
        "import_vs_walk_wall": ratio(rate(imported.get("items"), imported["seconds"]), walk_rate),
        # Goal 7: what the monitor costs, in wall time (--no-monitor has no import phase).
        "monitor_cost_wall": ratio(imported["seconds"], unmonitored["seconds"]),
    }


def at_least(imported, stopped, items):
    """A lower bound of imported items/s ÷ STOPPED items/s when STOPPED was killed at its limit:
    it took longer than the limit for the ITEMS, so its rate was below ITEMS ÷ limit."""
    if not stopped.get("timed_out"):
        return None
    return ratio(rate(imported.get("items"), imported["seconds"]), rate(items, stopped["limit_s"]))


def set_ratios(m, items=None):
    """The ratios of one file set, from its readers' records."""
    walk_rate = rate(m["walk"].get("items"), m["walk"]["seconds"])
    j1, j2 = m["import_jobs1"], m["import_jobs2"]
    debian, peer = m["walk_debian"], m["readpst"]
    pff = m.get("pffexport", {"seconds": None})
    return {
        "walk_items_per_second": walk_rate,
        **round_ratios(m["walk"], j1, m["import_jobs1_no_monitor"]),
        "jobs2_speedup": ratio(j1["seconds"], j2["seconds"]),
        "import_vs_readpst": ratio(rate(j1.get("items"), j1["seconds"]), rate(peer.get("items"), peer["seconds"])),
        "import_vs_readpst_at_least": at_least(j1, peer, items),
        "debian_walk_vs_walk_seconds": ratio(debian["seconds"], m["walk"]["seconds"]),
        "debian_walk_vs_walk_seconds_at_least": ratio(debian.get("limit_s"), m["walk"]["seconds"])
        if debian.get("timed_out") else None,
        "readpst_vs_walk": ratio(rate(peer.get("items"), peer["seconds"]), walk_rate),
        "pffexport_vs_walk": ratio(rate(pff.get("items"), pff["seconds"]), walk_rate),
    }


def check_counts(tag, measurements, expected):
    for tool, record in measurements.items():
        if record.get("timed_out"):
            notes.append(f"{tool} on {tag} stopped after its limit of {record['limit_s']} s")
            continue
        counted = record.get("items")
        check(f"{tool} on {tag}: exit 0", record["exit_code"] == 0, f"exit {record['exit_code']}")
        check(f"{tool} on {tag}: {expected} items", counted == expected, f"counted {counted}")
        if "store_messages" in record:
            check(f"{tool} on {tag}: {expected} messages in the store",
                  record["store_messages"] == expected, f"store has {record['store_messages']}")


# --- Generated files -------------------------------------------------------------------------

def generated_set(messages, layout, keep_store):
    """One generated `large` PST of MESSAGES messages (seed 1, Outlook's numbering) through every
    tool; each must count every message, or its figures compare different work."""
    tag = f"large-{messages}" + ("-flat" if layout == "flat" else "")
    pst = WORK / f"{tag}.pst"
    synth_record, expected = synth(pst, "large", messages, 1, layout)
    check(f"synth {tag}: {messages} messages written", expected == messages, f"truth holds {expected}")
    measurements = readers(pst, tag, messages, keep_store)
    check_counts(tag, measurements, expected)
    during = step(f"backup during {tag}", backup_during_import, pst, tag) \
        if messages == BACKUP_DURING_MESSAGES and layout == "folders" else None
    file_set = {
        "name": tag, "kind": "generated", "scenario": "large", "layout": layout, "seed": 1,
        "messages": expected, "files": [{"name": pst.name, "bytes": pst.stat().st_size}],
        "synth": synth_record, "measurements": measurements, "ratios": set_ratios(measurements, expected),
    }
    if during:
        file_set["backup_during_import"] = during
    if ROUNDS > 1 and messages <= ROUNDS_MAX_MESSAGES:
        # Round 1 is the first three measurements above, made back to back as these are.
        rounds = [{"round": 1, "records": "measurements", "ratios": round_ratios(
            measurements["walk"], measurements["import_jobs1"], measurements["import_jobs1_no_monitor"])}]
        for n in range(2, ROUNDS + 1):
            records = {
                "walk": walk(pst, f"walk-{tag}-round{n}"),
                "import_jobs1": pstscope_import([pst], f"import-jobs1-{tag}-round{n}", 1),
                "import_jobs1_no_monitor": pstscope_import([pst], f"import-jobs1-nomon-{tag}-round{n}", 1,
                                                           monitor=False),
            }
            rounds.append({"round": n, "records": records, "ratios": round_ratios(*records.values())})
        file_set["rounds"] = {"rounds": rounds, "median": {
            key: median(r["ratios"][key] for r in rounds) for key in rounds[0]["ratios"]}}
    remove(pst)
    return file_set


# --- Real samples ----------------------------------------------------------------------------

def aggregate(records, names):
    """One row per tool for many small files: seconds and items summed (of the runs that ended),
    the peak the largest, and the files the tool failed on or was stopped on named."""
    stopped = [name for name, r in zip(names, records) if r.get("timed_out")]
    ended = [(name, r) for name, r in zip(names, records) if not r.get("timed_out")]
    failed = [name for name, r in ended
              if r["exit_code"] not in (0, 2) or "failed" in r.get("file_status", {}).values()]
    partial = [name for name, r in ended if r["exit_code"] == 2 and name not in failed]
    total = {
        "files": len(records),
        "seconds": round(sum(r["seconds"] for _, r in ended), 3),
        "cpu_seconds": round(sum(r["cpu_seconds"] for _, r in ended), 2),
        "peak_rss_mb": max((r["peak_rss_mb"] for _, r in ended), default=None),
        "items": sum(r.get("items") or 0 for _, r in ended),
        "failed_files": failed,
    }
    if partial:
        total["partial_files"] = partial  # pstscope exit 2: read, but some items failed
    if stopped:
        total["timed_out_files"] = stopped
        total["limit_s"] = records[0].get("limit_s")
    for key in ("failed_items", "phase_seconds", "emails"):
        if any(r.get(key) is not None for _, r in ended):
            total[key] = round(sum(r.get(key) or 0 for _, r in ended), 3)
    # exit_code 0 for set_ratios' sake: a tool failing on one file is listed, not fatal.
    total["exit_code"] = 0
    return total


def samples_set(directory):
    """Every *.pst and *.ost of DIRECTORY, each file through every tool, summed per tool."""
    paths = sorted(p for p in Path(directory).iterdir() if p.suffix.lower() in (".pst", ".ost"))
    if not paths:
        return None
    per_file = []
    for index, path in enumerate(paths):
        records = readers(path, f"sample{index:02d}")
        per_file.append({"name": path.name, "bytes": path.stat().st_size, "measurements": records})
    names = [p.name for p in paths]
    measurements = {tool: aggregate([f["measurements"][tool] for f in per_file], names)
                    for tool in per_file[0]["measurements"]}
    return {
        "name": "samples", "kind": "real", "directory": str(Path(directory).resolve()),
        "files": [{"name": f["name"], "bytes": f["bytes"]} for f in per_file],
        "measurements": measurements, "ratios": set_ratios(measurements), "per_file": per_file,
    }


# --- Instructions (callgrind) ----------------------------------------------------------------

def callgrind(name, command, environment=None):
    """COMMAND under callgrind, children followed (the import's worker); returns the record with
    the instructions executed (Ir) per process and in total."""
    target = WORK / name
    target.mkdir()
    record, out, _ = measure(name, ["valgrind", "--tool=callgrind", "--trace-children=yes",
                                    f"--callgrind-out-file={target}/callgrind.out.%p", *command], None, environment)
    processes = []
    for profile in sorted(target.glob("callgrind.out.*")):
        text = profile.read_text(errors="replace")
        process_command = re.search(r"^cmd:\s*(.*)$", text, re.M)
        instructions = re.search(r"^(?:summary|totals):\s*(\d+)", text, re.M)
        processes.append({"command": shown(process_command.group(1) if process_command else "?"),
                          "instructions": int(instructions.group(1)) if instructions else 0})
    record["processes"] = processes
    record["instructions"] = sum(p["instructions"] for p in processes)
    remove(target)
    return record, out


def callgrind_set(messages):
    """Instructions per email of the walk with each libpff and of `import --jobs 1` (parent and
    worker), on one generated `large` PST. Instruction counts do not depend on the machine's load."""
    pst = WORK / f"callgrind-{messages}.pst"
    _, expected = synth(pst, "large", messages, 1)
    # Valgrind 3.19 cannot read the DWARF 5 that Swift 6 writes and gives up: profile a copy
    # without debug information (the symbol table stays, the instructions are the same).
    plain = WORK / "bin-nodebug" / "pstscope"
    plain.parent.mkdir(exist_ok=True)
    subprocess.run(["strip", "--strip-debug", "-o", plain, BIN], check=True)
    runs = {}
    for key, binary in (("walk", WALK), ("walk_debian", WALK_DEBIAN)):
        record, out = callgrind(f"callgrind-{key}", [binary, pst], WALK_ENVIRONMENT)
        record["items"] = json.loads(out.read_text())["items"] if record["exit_code"] == 0 else None
        runs[key] = record
    # A worker under callgrind is ~50 times slower: no timeout may take it for hung.
    store = WORK / "callgrind-import.sqlite"
    record, out = callgrind("callgrind-import_jobs1", [
        plain, "import", pst, "--store", store, "--jobs", 1, "--quiet", "--format", "json",
        "--worker-timeout", 86400])
    record["items"] = json.loads(out.read_text())["total_emails"] if record["exit_code"] == 0 else None
    remove(store, f"{store}-wal", f"{store}-shm")
    runs["import_jobs1"] = record
    for key, record in runs.items():
        record["instructions_per_item"] = round(record["instructions"] / expected) if expected else None
        check(f"callgrind {key}: {expected} items", record.get("items") == expected, f"counted {record.get('items')}")
    remove(pst)
    per_item = {key: record["instructions_per_item"] for key, record in runs.items()}
    worker = sum(p["instructions"] for p in runs["import_jobs1"]["processes"] if " worker " in p["command"])
    return {
        "messages": expected, "scenario": "large", "seed": 1, "runs": runs,
        "ratios": {
            # Goal 6: the patched libpff against Debian's, and pstscope against its libpff.
            "walk_vs_debian_walk": ratio(per_item["walk"], per_item["walk_debian"]),
            "import_jobs1_vs_walk": ratio(per_item["import_jobs1"], per_item["walk"]),
            # The worker alone reads the file: its instructions against the walk's are what
            # pstscope adds to libpff while reading, before the store and the analysis.
            "worker_only_vs_walk": ratio(worker / expected if expected else None, per_item["walk"]),
        },
    }


# --- Parallel import -------------------------------------------------------------------------

def parallel_set(files, messages):
    """FILES generated `steady` PSTs imported with --jobs 1 and --jobs 2 into fresh stores, as
    ROUNDS back-to-back pairs."""
    paths, expected = [], 0
    for seed in range(1, files + 1):
        path = WORK / f"steady-{seed}.pst"
        _, count = synth(path, "steady", messages, seed)
        paths.append(path)
        expected += count
    one = pstscope_import(paths, "parallel-jobs1", 1)
    two = pstscope_import(paths, "parallel-jobs2", 2)
    for jobs, record in ((1, one), (2, two)):
        check(f"parallel, --jobs {jobs}: exit 0", record["exit_code"] == 0, f"exit {record['exit_code']}")
    check(f"parallel: both imports count {expected} items", one.get("items") == two.get("items") == expected,
          f"jobs 1: {one.get('items')}, jobs 2: {two.get('items')}")
    check("parallel: both stores hold the same emails and messages",
          (one.get("emails"), one.get("store_messages")) == (two.get("emails"), two.get("store_messages")),
          f"jobs 1: {one.get('emails')} emails, {one.get('store_messages')} rows; "
          f"jobs 2: {two.get('emails')} emails, {two.get('store_messages')} rows")

    def pair_ratios(a, b):
        return {"speedup_wall": ratio(a["seconds"], b["seconds"]),
                "speedup_phase": ratio(a.get("phase_seconds"), b.get("phase_seconds"))}

    result = {
        "files": files, "messages_per_file": messages, "scenario": "steady", "seeds": f"1..{files}",
        "bytes": sum(p.stat().st_size for p in paths), "messages": expected,
        "jobs1": one, "jobs2": two, **pair_ratios(one, two),
    }
    if ROUNDS > 1:
        rounds = [{"round": 1, "records": "jobs1, jobs2", "ratios": pair_ratios(one, two)}]
        for n in range(2, ROUNDS + 1):
            a = pstscope_import(paths, f"parallel-jobs1-round{n}", 1)
            b = pstscope_import(paths, f"parallel-jobs2-round{n}", 2)
            rounds.append({"round": n, "records": {"jobs1": a, "jobs2": b}, "ratios": pair_ratios(a, b)})
        result["rounds"] = {"rounds": rounds, "median": {
            key: median(r["ratios"][key] for r in rounds) for key in rounds[0]["ratios"]}}
    remove(*paths)
    return result


# --- Analysis, queries and reports -----------------------------------------------------------

def query_median_ms(store, kind):
    """bench/query_times.py: the median of 21 runs, process start included."""
    output = subprocess.run([sys.executable, REPO / "bench" / "query_times.py", BIN, store, kind],
                            check=True, capture_output=True, text=True).stdout.split()
    return {"subject": output[0], "median_ms": float(output[1]), "runs": 21}


def queries(store, messages, import_phase_seconds):
    """On the largest store: the full analysis again, the two queries, every report. The two
    parts of the analysis are set against the import phase that filled the store."""
    analyze, out, err = measure("analyze", [BIN, "analyze", "--store", store])
    analyze["summary"] = [line for line in (out.read_text() + err.read_text()).splitlines()
                          if line.startswith(("Gap analysis", "Senders"))]
    for line in analyze["summary"]:  # "Gap analysis: … (6.11 s)", "Senders: … (56.53 s)"
        seconds = re.search(r"\(([\d.]+) s\)\s*$", line)
        part = "gaps" if line.startswith("Gap") else "senders"
        if seconds:
            analyze[f"{part}_seconds"] = float(seconds.group(1))
            analyze[f"{part}_vs_import_phase"] = ratio(float(seconds.group(1)), import_phase_seconds)
    report, _, _ = measure("report", [BIN, "report", "--store", store, "--out", WORK / "report"])
    remove(WORK / "report")
    return {
        "messages": messages,
        "import_phase_seconds": import_phase_seconds,
        "analyze": analyze,
        "gaps_contact": query_median_ms(store, "gaps"),
        "senders_top50": query_median_ms(store, "senders"),
        "report": report,
        "report_pdf": pdf_reports(store, messages),
        "backup": backups(store),
        "serve": serve(store, messages),
    }


def serve(store, messages):
    """bench/serve_load.py: every page and API call alone, then 32 connections for 30 s."""
    result = serve_load.measure(BIN, store)
    result["messages"] = messages
    check(f"serve: every page and API call under 200 ms at p95, {messages} messages", result["all_p95_under_goal"],
          f"slowest {result['slowest_p95']}")
    check("serve: no error under load", result["load"]["errors"] == 0, f"{result['load']['error_kinds']}")
    return result


def pdf_reports(store, messages):
    """The three PDF reports alone; the plan's bar for complex reports is 30 s."""
    out = WORK / "pdf"
    record, _, _ = measure("report-pdf", [BIN, "report", "--store", store, "--out", out, "--format", "pdf"])
    record["pages"] = {}
    for kind in ("executive", "detailed", "operational"):
        info = command_output("pdfinfo", str(out / f"{kind}.pdf")) or ""
        pages = re.search(r"^Pages:\s+(\d+)", info, re.M)
        record["pages"][kind] = int(pages.group(1)) if pages else None
    check(f"PDF reports of {messages} messages in under 30 s", record["exit_code"] == 0 and record["seconds"] < 30,
          f"{record.get('seconds')} s, exit {record['exit_code']}")
    remove(out)
    return record


def backups(store):
    """A plain and a compressed backup of the store, and a restore of the compressed one into a
    new store: times and sizes."""
    plain, packed, restored = WORK / "backup.sqlite", WORK / "backup.zst", WORK / "restored.sqlite"
    result = {"store_bytes": Path(store).stat().st_size}
    result["backup"], _, _ = measure("backup", [BIN, "backup", "--store", store, plain])
    result["backup_compressed"], _, _ = measure("backup-compressed", [BIN, "backup", "--store", store, "--compress", packed])
    result["restore_compressed"], _, _ = measure("restore", [BIN, "restore", "--store", restored, packed])
    for name, path in (("backup", plain), ("backup_compressed", packed)):
        if path.exists():
            result[name]["bytes"] = path.stat().st_size
    ok = all(result[k]["exit_code"] == 0 for k in ("backup", "backup_compressed", "restore_compressed"))
    check("backup, compressed backup and restore of the largest store", ok)
    remove(plain, packed, restored, f"{restored}-wal", f"{restored}-shm", f"{restored}.lock")
    return result


def counts(store):
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
        return {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in ("messages", "recipients", "sightings", "contacts")}


def backup_during_import(pst, tag):
    """A compressed backup taken while `import --jobs 1` writes the file: it must hold whole
    batches only; restored into a new store and resumed, it must end with the counts of the
    import it was taken from."""
    live, packed, copy = WORK / f"{tag}-live.sqlite", WORK / f"{tag}-mid.zst", WORK / f"{tag}-copy.sqlite"
    process = subprocess.Popen([BIN, "import", pst, "--store", live, "--jobs", "1", "--quiet"], cwd=WORK,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    batches = 0
    while process.poll() is None and batches < 20:
        time.sleep(0.5)
        try:
            with sqlite3.connect(f"file:{live}?mode=ro", uri=True) as db:
                batches = db.execute("SELECT COUNT(*) FROM batch_metrics").fetchone()[0]
        except sqlite3.Error:
            pass
    backup, _, _ = measure(f"backup-during-{tag}", [BIN, "backup", "--store", live, "--compress", packed])
    running = process.poll() is None
    process.wait()
    restore, _, _ = measure(f"restore-mid-{tag}", [BIN, "restore", "--store", copy, packed])
    with sqlite3.connect(copy) as db:
        sightings, batch_items = db.execute(
            "SELECT (SELECT COUNT(*) FROM sightings), (SELECT COALESCE(SUM(items), 0) FROM batch_metrics)").fetchone()
    resume, _, _ = measure(f"resume-{tag}", [BIN, "import", "--resume", "--store", copy, "--quiet"])
    result = {"taken_while_importing": running, "backup": backup, "restore": restore, "resume": resume,
              "backup_sightings": sightings, "backup_batch_items": batch_items,
              "resumed_counts": counts(copy), "uninterrupted_counts": counts(live)}
    check(f"{tag}: backup during the import holds whole batches and resumes to the same counts",
          running and sightings == batch_items and 0 < sightings
          and result["resumed_counts"] == result["uninterrupted_counts"] and resume["exit_code"] == 0,
          json.dumps({k: result[k] for k in ("taken_while_importing", "backup_sightings", "backup_batch_items",
                                              "resumed_counts", "uninterrupted_counts")}))
    for path in (live, copy):
        remove(path, f"{path}-wal", f"{path}-shm", f"{path}.lock")
    remove(packed)
    return result


# --- The machine -----------------------------------------------------------------------------

def command_output(*command):
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return None


def package(name):
    return command_output("dpkg-query", "-W", "-f=${Version}", name)


def linked_libpff(binary):
    """The shared libpff BINARY loads (its resolved path), or None when libpff is linked in."""
    for line in (command_output("ldd", binary) or "").splitlines():
        found = re.match(r"\s*libpff\.so\S*\s+=>\s+(\S+)", line)
        if found:
            return os.path.realpath(found.group(1))
    return None


def libpff_of(binary, pkg_config):
    """Which libpff BINARY runs on: a shared library (Debian's, with its package version) or the
    static one pkg-config named at build time (its version, prefix and the patches beside it)."""
    shared = linked_libpff(binary)
    if shared:
        owner = command_output("dpkg-query", "-S", shared) or ""
        return {"linked": "shared", "library": shared,
                "package": owner.split(":")[0] or None,
                "version": package("libpff1") if owner.startswith("libpff1") else None}
    return {"linked": "static", **pkg_config}


def pkg_config_libpff():
    """pkg-config's libpff (make exports PKG_CONFIG_PATH to the patched build)."""
    prefix = command_output("pkg-config", "--variable=prefix", "libpff")
    patches_dir = REPO / "patches" / "libpff"
    patches = [{"file": p.name, "sha256": hashlib.sha256(p.read_bytes()).hexdigest()[:16]}
               for p in sorted(patches_dir.glob("*.patch"))]
    built_here = bool(prefix) and Path(prefix).resolve().is_relative_to(REPO)
    return {
        "version": command_output("pkg-config", "--modversion", "libpff"),
        "prefix": shown(prefix) if prefix else None,
        # The patches in the repository are those make applied to the library it built (it
        # rebuilds libpff when one changes); a libpff from elsewhere has none of them.
        "patches": patches if built_here else [],
        "patches_directory": str(patches_dir.relative_to(REPO)) if built_here else None,
    }


def machine():
    with open("/proc/meminfo") as meminfo:
        total_kb = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
    swift = command_output("swift", "--version")
    pkg_config = pkg_config_libpff()
    return {
        "cores": os.cpu_count(),
        "ram_gib": round(total_kb / 1024 ** 2, 1),
        "kernel": f"{platform.system()} {platform.release()}",
        "swift": swift.splitlines()[0] if swift else None,
        "libpff": {
            "walk": libpff_of(WALK, pkg_config),
            "walk_debian": libpff_of(WALK_DEBIAN, pkg_config),
            "pstscope": libpff_of(BIN, pkg_config),
        },
        "readpst": package("pst-utils"),
        "pffexport": package("pff-tools"),
        "valgrind": command_output("valgrind", "--version"),
        "python": platform.python_version(),
    }


def build():
    """Which pstscope was measured: its commit, and whether its sources differ from it."""
    git = lambda *a: command_output("git", "-C", str(REPO), *a)  # noqa: E731
    binary = Path(os.environ.get("BIN_SOURCE", BIN))
    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "sources_modified": bool(git("status", "--porcelain", "--", "Sources", "Package.swift", "patches")),
        "binary": str(binary),
        "binary_built": datetime.fromtimestamp(binary.stat().st_mtime, timezone.utc).isoformat(timespec="seconds"),
        "version": command_output(BIN, "--version"),
    }


# --- The run ---------------------------------------------------------------------------------

def scaling(file_sets):
    """Goals 1 and 2: the largest `large` file (default layout) against the smallest, items/s of
    the walk and of `import --jobs 1` (first runs: a round at the largest size costs minutes)."""
    sizes = sorted((s for s in file_sets if s["kind"] == "generated" and s["layout"] == "folders"),
                   key=lambda s: s["messages"])
    if len(sizes) < 2:
        return None
    small, large = sizes[0]["measurements"], sizes[-1]["measurements"]
    per_second = lambda record, seconds="seconds": rate(record.get("items"), record.get(seconds))  # noqa: E731
    return {
        "small_messages": sizes[0]["messages"], "large_messages": sizes[-1]["messages"],
        "import_jobs1_rate": ratio(per_second(large["import_jobs1"]), per_second(small["import_jobs1"])),
        "import_jobs1_phase_rate": ratio(per_second(large["import_jobs1"], "phase_seconds"),
                                         per_second(small["import_jobs1"], "phase_seconds")),
        "walk_rate": ratio(per_second(large["walk"]), per_second(small["walk"])),
        "import_jobs1_peak_mb": [small["import_jobs1"]["peak_rss_mb"], large["import_jobs1"]["peak_rss_mb"]],
        "walk_peak_mb": [small["walk"]["peak_rss_mb"], large["walk"]["peak_rss_mb"]],
    }


def samples_directory():
    if SAMPLES == "none":
        return None
    directory = Path(SAMPLES) if SAMPLES else REPO.parent / "shared" / "pst-samples"
    return directory if directory.is_dir() else None


def main():
    started = datetime.now(timezone.utc)
    result = {
        "schema": 2,  # bench/summarize.py reads this layout
        "started": started.isoformat(timespec="seconds"),
        "label": LABEL,
        "settings": {
            "messages": MESSAGES, "flat_messages": FLAT_MESSAGES,
            "samples": SAMPLES or "../shared/pst-samples",
            "callgrind_messages": CALLGRIND_MESSAGES, "parallel_files": PARALLEL_FILES,
            "parallel_messages": PARALLEL_MESSAGES, "rounds": ROUNDS, "rounds_max_messages": ROUNDS_MAX_MESSAGES,
            "debian_walk_timeout_s": DEBIAN_WALK_TIMEOUT, "readpst_timeout_s": READPST_TIMEOUT,
            "pffexport_timeout_s": PFFEXPORT_TIMEOUT, "pffexport_max_messages": PFFEXPORT_MAX_MESSAGES,
            "gap_seeds": GAP_SEEDS,
        },
        "machine": machine(),
        "build": build(),
        "file_sets": [],
        "notes": notes,
    }
    output = RESULTS / f"{started:%Y-%m-%d}-{LABEL}.json"
    try:
        plan = sorted([(n, "folders") for n in MESSAGES] + [(n, "flat") for n in FLAT_MESSAGES])
        # The queries and reports run on the largest store (of the default layout on a tie).
        largest = max(plan, key=lambda p: (p[0], p[1] == "folders")) if plan else None
        for messages, layout in plan:
            keep = (messages, layout) == largest
            file_set = step(f"large {messages} {layout}", generated_set, messages, layout, keep)
            if not file_set:
                continue
            result["file_sets"].append(file_set)
            filled = file_set["measurements"]["import_jobs1"]
            if keep and filled.get("store"):
                store = filled.pop("store")
                result["queries"] = step("queries", queries, store, file_set["messages"],
                                         filled.get("phase_seconds"))
                remove(store, f"{store}-wal", f"{store}-shm")

        result["scaling"] = scaling(result["file_sets"])

        directory = samples_directory()
        if directory:
            samples = step("samples", samples_set, directory)
            if samples:
                result["file_sets"].append(samples)
        else:
            notes.append("real samples skipped (SAMPLES=none)" if SAMPLES == "none" else
                         f"real samples skipped: no folder {SAMPLES or '../shared/pst-samples'}")
            log(notes[-1])

        if CALLGRIND_MESSAGES > 0:
            result["callgrind"] = step("callgrind", callgrind_set, CALLGRIND_MESSAGES)
        if PARALLEL_FILES > 0:
            result["parallel"] = step("parallel", parallel_set, PARALLEL_FILES, PARALLEL_MESSAGES)
        if GAP_SEEDS > 0:
            result["gap_accuracy"] = step("gap accuracy", gap_accuracy.measure, BIN, WORK / "gaps", GAP_SEEDS, log)
    finally:
        result["finished"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        result["checks"] = checks
        result["errors"] = errors
        result["ok"] = not errors and all(c["ok"] for c in checks)
        RESULTS.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(result, indent=1, default=str) + "\n")
        log(f"wrote {output.relative_to(REPO) if output.is_relative_to(REPO) else output}")
    failed = [c for c in checks if not c["ok"]]
    if failed or errors:
        log(f"FAILED: {len(failed)} checks, {len(errors)} steps")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
