#!/usr/bin/env python3
"""pstscope's benchmark suite: every measurement of one `bench/run`, in one JSON file.

bench/run prepares the work directory (a copy of the pstscope binary, walk.c compiled) and
calls this with its settings in the environment; see bench/run for them. Everything is
measured in this one run, so that the ratios compare runs made under the same load.

Writes RESULTS/<UTC date>-<LABEL>.json, even when something fails; exits 1 when a tool
miscounted a generated file or a step could not run.
"""
import json
import os
import platform
import re
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = Path(os.environ["WORK"])
BIN = os.environ["PSTSCOPE"]        # the copy in WORK, see bench/run
WALK = os.environ["WALK"]
MESSAGES = [int(n) for n in os.environ.get("MESSAGES", "100000 1000000").split()]
SAMPLES = os.environ.get("SAMPLES", "")
CALLGRIND_MESSAGES = int(os.environ.get("CALLGRIND_MESSAGES", "20000"))
PARALLEL_FILES = int(os.environ.get("PARALLEL_FILES", "8"))
PARALLEL_MESSAGES = int(os.environ.get("PARALLEL_MESSAGES", "12500"))
# Times on a shared machine drift by a third within minutes: the ratios that carry goals are also
# taken from ROUNDS pairs of runs made back to back, and the pairs' median is reported.
ROUNDS = int(os.environ.get("ROUNDS", "3"))
JOBS = int(os.environ.get("JOBS") or os.cpu_count())
LABEL = os.environ.get("LABEL") or "-".join(str(n) for n in MESSAGES) or "samples"
RESULTS = Path(os.environ.get("RESULTS", REPO / "bench" / "results"))

# What the tools write, for counting "items written". pffexport names each item's directory
# after its kind; an item inside an attachment (AttachmentNNNNN/MessageNNNNN) is not one more.
PFF_ITEM_DIR = re.compile(r"(Activity|Appointment|Contact|DistributionList|Document|Item|Meeting"
                          r"|Message|Note|RSS feed|Task|UNKNOWN)\d{5,}")
PFF_ATTACHMENT_DIR = re.compile(r"Attachment\d{5,}")
READPST_ITEM_SUFFIXES = (".eml", ".vcf")  # one file per message or contact; .ics files hold a folder

checks = []   # {"what", "ok", "detail"}: a failed one makes the run exit 1
errors = []   # steps that raised: recorded, and the run goes on with the next step


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


def shown(path):
    """A path as it reads in the JSON: the work directory is gone after the run."""
    return str(path).replace(BIN, "pstscope").replace(WALK, "walk").replace(str(WORK), "$WORK")


def remove(*paths):
    for path in paths:
        path = Path(path)
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


# --- Running one command ---------------------------------------------------------------------

_runs = 0


def measure(name, command):
    """Runs COMMAND under GNU time. Returns its record (wall seconds, CPU seconds, peak resident
    memory, exit code, the load average before it started) and the paths of its stdout and stderr.

    GNU time's %M is the largest resident set of the process and of its waited-for children
    (the worker of an import included), not their sum; imports add the store's sampled sum."""
    global _runs
    _runs += 1
    base = WORK / "logs" / f"{_runs:03d}-{name}"
    base.parent.mkdir(exist_ok=True)
    out, err, timing = (base.with_suffix(s) for s in (".out", ".err", ".time"))
    command = [str(part) for part in command]
    load = os.getloadavg()[0]
    start = time.perf_counter()
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        # In WORK: a pstscope.toml in the caller's directory would otherwise apply.
        code = subprocess.call(["/usr/bin/time", "-f", "%U %S %M", "-o", str(timing), *command],
                               stdout=stdout, stderr=stderr, cwd=WORK)
    seconds = time.perf_counter() - start
    # On failure GNU time writes "Command exited with non-zero status N" before the figures.
    user, system, peak_kb = timing.read_text().strip().splitlines()[-1].split()
    record = {
        "command": shown(shlex.join(command)),
        "exit_code": code,
        "seconds": round(seconds, 3),
        "cpu_seconds": round(float(user) + float(system), 2),
        "peak_rss_mb": round(int(peak_kb) / 1024, 1),
        "load_before": round(load, 2),
    }
    if code != 0:
        record["stderr_tail"] = err.read_text(errors="replace")[-600:]
    log(f"{name}: {record['seconds']} s, {record['peak_rss_mb']} MB, exit {code}")
    return record, out, err


# --- The tools -------------------------------------------------------------------------------

def synth(path, scenario, messages, seed):
    """A generated PST; returns (record, the items its ground truth holds: messages, meeting
    requests included, and contacts), the count every reader must find."""
    record, _, _ = measure(f"synth-{path.stem}", [BIN, "synth", "--out", path, "--scenario", scenario,
                                                  "--messages", messages, "--seed", seed])
    if record["exit_code"] != 0:
        raise RuntimeError(f"synth {path.name} failed: {record.get('stderr_tail')}")
    truth = json.loads(path.with_suffix(".truth.json").read_text())
    path.with_suffix(".truth.json").unlink()  # large (tens of MB at 1M); only the count is needed
    return record, len(truth["messages"]) + len(truth.get("contact_items", []))


def walk(path, name):
    """The bare libpff walk: libpff's own cost for the properties pstscope reads."""
    record, out, _ = measure(name, [WALK, path])
    if record["exit_code"] == 0:
        line = json.loads(out.read_text())
        record.update(items=line["items"], failed_items=line["failed"], own_seconds=line["seconds"])
    return record


def store_figures(store):
    """What the store itself says: messages kept, and the session's peak memory (parent and
    workers together, sampled every 0.5 s)."""
    with sqlite3.connect(store) as db:
        (messages,) = db.execute("SELECT COUNT(*) FROM messages").fetchone()
        (peak_kb,) = db.execute("SELECT MAX(peak_rss_kb) FROM import_sessions").fetchone()
    return messages, peak_kb


def pstscope_import(paths, name, jobs, in_process=False, keep_store=False, extra=()):
    """`pstscope import` into a fresh store. items = emails + other items (contacts, meetings…),
    what the walk counts; phase_seconds is the import phase alone (without the analysis)."""
    store = WORK / f"{name}.sqlite"
    remove(store, f"{store}-wal", f"{store}-shm")
    command = [BIN, "import", *paths, "--store", store, "--jobs", jobs, "--quiet", "--format", "json",
               *(["--in-process"] if in_process else []), *extra]
    record, out, _ = measure(name, command)
    try:
        session = json.loads(out.read_text())
    except ValueError:
        session = None
    if session:
        record.update(
            emails=session["total_emails"],
            items=session["total_emails"] + session["other_items"],
            failed_items=session["error_summary"]["items_failed"],
            phase_seconds=session["batch_performance"]["duration_seconds"],
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
    record, _, _ = measure(name, ["readpst", "-j", "0", "-r", "-D", "-e", "-q", "-o", target, path])
    record["items"] = sum(name.endswith(READPST_ITEM_SUFFIXES)
                          for _, _, files in os.walk(target) for name in files)
    remove(target)
    return record


def pffexport(path, name):
    """pffexport (libpff's own exporter) in its default items mode: allocated items only."""
    target = WORK / name
    record, _, _ = measure(name, ["pffexport", "-m", "items", "-q", "-t", target, path])
    record["items"] = sum(1 for root, directories, _ in os.walk(f"{target}.export")
                          if not PFF_ATTACHMENT_DIR.fullmatch(Path(root).name)
                          for directory in directories if PFF_ITEM_DIR.fullmatch(directory))
    remove(f"{target}.export", f"{target}.orphans", f"{target}.recovered")
    return record


# The readers every file set goes through, in this order (the import first after the walk, so
# that both read a file the synth or the previous set left in the page cache).
# Above this many messages a set skips pffexport (it writes a directory per item, hours at a
# million) and --jobs N on its one file (one file is read by one worker, as with --jobs 1).
HEAVY_MESSAGES = int(os.environ.get("HEAVY_MESSAGES", "200000"))


def readers(path, tag, keep_store=False, messages=0):
    heavy = messages > HEAVY_MESSAGES
    measured = {
        "walk": walk(path, f"walk-{tag}"),
        "import_jobs1": pstscope_import([path], f"import-jobs1-{tag}", 1, keep_store=keep_store),
        "import_jobs1_in_process": pstscope_import([path], f"import-inproc-{tag}", 1, in_process=True),
    }
    if not heavy:
        measured["import_all_cores"] = pstscope_import([path], f"import-jobs{JOBS}-{tag}", JOBS)
    measured["readpst"] = readpst(path, f"readpst-{tag}")
    if not heavy:
        measured["pffexport"] = pffexport(path, f"pffexport-{tag}")
    return measured


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def paired_rounds(first, second, pair_ratios):
    """Runs first(n) then second(n) for n in 1...ROUNDS: each pair ran under about the same load.
    Returns every pair's ratios and their medians."""
    rounds = []
    for n in range(1, ROUNDS + 1):
        a, b = first(n), second(n)
        rounds.append({"first": a, "second": b, "ratios": pair_ratios(a, b)})
    keys = rounds[0]["ratios"].keys() if rounds else []
    return {"rounds": rounds, "median": {k: median(r["ratios"][k] for r in rounds) for k in keys}}


def walk_import_pair(walked, imported):
    walk_rate = rate(walked.get("items"), walked["seconds"])
    return {
        "import_jobs1_vs_walk_wall": ratio(rate(imported.get("items"), imported["seconds"]), walk_rate),
        "import_jobs1_vs_walk_phase": ratio(rate(imported.get("items"), imported.get("phase_seconds")), walk_rate),
    }


def set_ratios(m):
    """The ratios of one file set, from its readers' records."""
    walk_rate = rate(m["walk"].get("items"), m["walk"]["seconds"])
    skipped = {"seconds": None}
    j1, inproc, cores = m["import_jobs1"], m["import_jobs1_in_process"], m.get("import_all_cores", skipped)
    pff = m.get("pffexport", skipped)
    return {
        "walk_items_per_second": walk_rate,
        "import_jobs1_vs_walk_wall": ratio(rate(j1.get("items"), j1["seconds"]), walk_rate),
        "import_jobs1_vs_walk_phase": ratio(rate(j1.get("items"), j1.get("phase_seconds")), walk_rate),
        "in_process_vs_walk_wall": ratio(rate(inproc.get("items"), inproc["seconds"]), walk_rate),
        "in_process_vs_walk_phase": ratio(rate(inproc.get("items"), inproc.get("phase_seconds")), walk_rate),
        # Above 1: what reading in a worker process costs over reading in the importing one.
        "process_boundary_wall": ratio(j1["seconds"], inproc["seconds"]),
        "process_boundary_phase": ratio(j1.get("phase_seconds"), inproc.get("phase_seconds")),
        "all_cores_speedup_one_file": ratio(j1["seconds"], cores["seconds"]),
        "readpst_vs_walk": ratio(rate(m["readpst"]["items"], m["readpst"]["seconds"]), walk_rate),
        "pffexport_vs_walk": ratio(rate(pff.get("items"), pff["seconds"]), walk_rate),
    }


# --- Generated files -------------------------------------------------------------------------

def generated_set(messages, keep_store):
    """One synthetic `large` PST of MESSAGES messages (seed 1) through every reader; each must
    count every message, or its figures compare different work."""
    pst = WORK / f"large-{messages}.pst"
    synth_record, expected = synth(pst, "large", messages, 1)
    tag = f"large-{messages}"
    check(f"synth {tag}: {messages} messages written", expected == messages, f"truth holds {expected}")
    measurements = readers(pst, tag, keep_store, messages)
    for tool, record in measurements.items():
        counted = record.get("items")
        check(f"{tool} on {tag}: exit 0", record["exit_code"] == 0, f"exit {record['exit_code']}")
        check(f"{tool} on {tag}: {expected} items", counted == expected, f"counted {counted}")
        if "store_messages" in record:
            check(f"{tool} on {tag}: {expected} messages in the store",
                  record["store_messages"] == expected, f"store has {record['store_messages']}")
    file_set = {
        "name": tag, "kind": "generated", "scenario": "large", "seed": 1, "messages": expected,
        "files": [{"name": pst.name, "bytes": pst.stat().st_size}],
        "synth": synth_record, "measurements": measurements, "ratios": set_ratios(measurements),
    }
    if ROUNDS > 1 and messages <= HEAVY_MESSAGES:
        file_set["paired"] = paired_rounds(
            lambda n: walk(pst, f"walk-{tag}-round{n}"),
            lambda n: pstscope_import([pst], f"import-jobs1-{tag}-round{n}", 1), walk_import_pair)
    remove(pst)
    return file_set


# --- Real samples ----------------------------------------------------------------------------

def aggregate(records, names):
    """One row per tool for many small files: seconds and items summed, the peak the largest,
    and the files the tool failed on named."""
    failed = [name for name, r in zip(names, records)
              if r["exit_code"] not in (0, 2) or "failed" in r.get("file_status", {}).values()]
    partial = [name for name, r in zip(names, records) if r["exit_code"] == 2 and name not in failed]
    total = {
        "files": len(records),
        "seconds": round(sum(r["seconds"] for r in records), 3),
        "cpu_seconds": round(sum(r["cpu_seconds"] for r in records), 2),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in records),
        "items": sum(r.get("items") or 0 for r in records),
        "failed_files": failed,
    }
    if partial:
        total["partial_files"] = partial  # pstscope exit 2: read, but some items failed
    for key in ("failed_items", "phase_seconds", "emails"):
        if any(key in r for r in records):
            total[key] = round(sum(r.get(key) or 0 for r in records), 3)
    # exit_code 0 for set_ratios' sake: a tool failing on one file is listed, not fatal.
    total["exit_code"] = 0
    return total


def samples_set(directory):
    """Every *.pst and *.ost of DIRECTORY, each file through every reader, summed per tool."""
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

def callgrind(name, command):
    """COMMAND under callgrind, children followed (the import's worker); returns the record with
    the instructions executed (Ir) per process and in total."""
    target = WORK / name
    target.mkdir()
    record, out, _ = measure(name, ["valgrind", "--tool=callgrind", "--trace-children=yes",
                                    f"--callgrind-out-file={target}/callgrind.out.%p", *command])
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
    """Instructions per email of the walk and of `import --jobs 1`, with and without a worker,
    on one generated `large` PST. Instruction counts do not depend on the load of the machine."""
    pst = WORK / f"callgrind-{messages}.pst"
    _, expected = synth(pst, "large", messages, 1)
    # Valgrind 3.19 cannot read the DWARF 5 that Swift 6 writes and gives up: profile a copy
    # without debug information (the symbol table stays, the instructions are the same).
    plain = WORK / "bin-nodebug" / "pstscope"
    plain.parent.mkdir(exist_ok=True)
    subprocess.run(["strip", "--strip-debug", "-o", plain, BIN], check=True)
    walk_record, walk_out = callgrind("callgrind-walk", [WALK, pst])
    runs = {"walk": walk_record}
    if walk_record["exit_code"] == 0:
        walk_record["items"] = json.loads(walk_out.read_text())["items"]
    # A worker under callgrind is ~50 times slower: no timeout may take it for hung.
    for key, in_process in (("import_jobs1", False), ("import_jobs1_in_process", True)):
        store = WORK / f"callgrind-{key}.sqlite"
        record, out = callgrind(f"callgrind-{key}", [
            plain, "import", pst, "--store", store, "--jobs", 1, "--quiet", "--format", "json",
            "--worker-timeout", 86400, *(["--in-process"] if in_process else [])])
        record["items"] = json.loads(out.read_text())["total_emails"] if record["exit_code"] == 0 else None
        remove(store, f"{store}-wal", f"{store}-shm")
        runs[key] = record
    for key, record in runs.items():
        record["instructions_per_item"] = round(record["instructions"] / expected) if expected else None
        check(f"callgrind {key}: {expected} items", record.get("items") == expected, f"counted {record.get('items')}")
    remove(pst)
    per_item = {key: record["instructions_per_item"] for key, record in runs.items()}
    return {
        "messages": expected, "scenario": "large", "seed": 1, "runs": runs,
        "ratios": {
            "import_jobs1_vs_walk": ratio(per_item["import_jobs1"], per_item["walk"]),
            "in_process_vs_walk": ratio(per_item["import_jobs1_in_process"], per_item["walk"]),
            # The worker alone reads the file: its instructions against the walk's are what
            # pstscope adds to libpff while reading, before the store and the analysis.
            "worker_only_vs_walk": ratio(sum(p["instructions"] for p in runs["import_jobs1"]["processes"]
                                             if " worker " in p["command"]) / expected,
                                         per_item["walk"]),
        },
    }


# --- Parallel import -------------------------------------------------------------------------

def parallel_set(files, messages):
    """FILES generated `steady` PSTs imported with --jobs 1 and --jobs 2 into fresh stores."""
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
    if ROUNDS > 1:
        paired = paired_rounds(lambda n: pstscope_import(paths, f"parallel-jobs1-round{n}", 1),
                               lambda n: pstscope_import(paths, f"parallel-jobs2-round{n}", 2),
                               lambda a, b: {"speedup_wall": ratio(a["seconds"], b["seconds"]),
                                             "speedup_phase": ratio(a.get("phase_seconds"), b.get("phase_seconds"))})
    result = {
        "files": files, "messages_per_file": messages, "scenario": "steady", "seeds": f"1..{files}",
        "bytes": sum(p.stat().st_size for p in paths), "messages": expected,
        "jobs1": one, "jobs2": two,
        "speedup_wall": ratio(one["seconds"], two["seconds"]),
        "speedup_phase": ratio(one.get("phase_seconds"), two.get("phase_seconds")),
    }
    if ROUNDS > 1:
        result["paired"] = paired
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
    }


# --- The machine -----------------------------------------------------------------------------

def command_output(*command):
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return None


def machine():
    with open("/proc/meminfo") as meminfo:
        total_kb = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
    package = lambda name: command_output("dpkg-query", "-W", "-f=${Version}", name)  # noqa: E731
    swift = command_output("swift", "--version")
    return {
        "cores": os.cpu_count(),
        "ram_gib": round(total_kb / 1024 ** 2, 1),
        "kernel": f"{platform.system()} {platform.release()}",
        "swift": swift.splitlines()[0] if swift else None,
        # make's LIBPFF=pypi points pkg-config at a libpff built from source.
        "libpff": command_output("pkg-config", "--modversion", "libpff"),
        "libpff_from": (f"Debian libpff1 {package('libpff1')}"
                        if (command_output("pkg-config", "--variable=libdir", "libpff") or "").startswith("/usr/")
                        else command_output("pkg-config", "--variable=prefix", "libpff")),
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
        "sources_modified": bool(git("status", "--porcelain", "--", "Sources", "Package.swift")),
        "binary": str(binary),
        "binary_built": datetime.fromtimestamp(binary.stat().st_mtime, timezone.utc).isoformat(timespec="seconds"),
        "version": command_output(BIN, "--version"),
    }


# --- The run ---------------------------------------------------------------------------------

def memory_scaling(generated):
    """Peak memory of `import --jobs 1` on the largest generated file against the smallest."""
    if len(generated) < 2:
        return None
    small, large = generated[0], generated[-1]
    peak = lambda s: s["measurements"]["import_jobs1"]["peak_rss_mb"]  # noqa: E731
    walk_peak = lambda s: s["measurements"]["walk"]["peak_rss_mb"]  # noqa: E731
    return {
        "small_messages": small["messages"], "large_messages": large["messages"],
        "import_small_mb": peak(small), "import_large_mb": peak(large),
        "import_ratio": ratio(peak(large), peak(small)),
        "walk_small_mb": walk_peak(small), "walk_large_mb": walk_peak(large),
        "walk_ratio": ratio(walk_peak(large), walk_peak(small)),
    }


def samples_directory():
    if SAMPLES == "none":
        return None
    directory = Path(SAMPLES) if SAMPLES else REPO.parent / "shared" / "pst-samples"
    return directory if directory.is_dir() else None


def main():
    started = datetime.now(timezone.utc)
    result = {
        "started": started.isoformat(timespec="seconds"),
        "label": LABEL,
        "settings": {"messages": MESSAGES, "samples": SAMPLES or "../shared/pst-samples",
                     "callgrind_messages": CALLGRIND_MESSAGES, "parallel_files": PARALLEL_FILES,
                     "parallel_messages": PARALLEL_MESSAGES, "jobs_all_cores": JOBS},
        "machine": machine(),
        "build": build(),
        "file_sets": [],
        "notes": [],
    }
    output = RESULTS / f"{started:%Y-%m-%d}-{LABEL}.json"
    try:
        generated = []
        for index, messages in enumerate(sorted(MESSAGES)):
            largest = index == len(MESSAGES) - 1
            file_set = step(f"large {messages}", generated_set, messages, largest)
            if file_set:
                generated.append(file_set)
                result["file_sets"].append(file_set)
        # The queries and reports run on the largest store, which that set kept.
        if generated and generated[-1]["measurements"]["import_jobs1"].get("store"):
            filled = generated[-1]["measurements"]["import_jobs1"]
            store = filled.pop("store")
            result["queries"] = step("queries", queries, store, generated[-1]["messages"],
                                     filled.get("phase_seconds"))
            remove(store, f"{store}-wal", f"{store}-shm")
        result["memory_scaling"] = memory_scaling(generated)

        directory = samples_directory()
        if directory:
            samples = step("samples", samples_set, directory)
            if samples:
                result["file_sets"].append(samples)
        else:
            result["notes"].append("real samples skipped (SAMPLES=none)" if SAMPLES == "none" else
                                   f"real samples skipped: no folder {SAMPLES or '../shared/pst-samples'}")
            log(result["notes"][-1])

        if CALLGRIND_MESSAGES > 0:
            result["callgrind"] = step("callgrind", callgrind_set, CALLGRIND_MESSAGES)
        if PARALLEL_FILES > 0:
            result["parallel"] = step("parallel", parallel_set, PARALLEL_FILES, PARALLEL_MESSAGES)
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
