#!/usr/bin/env python3
"""Writes bench/README.md from the newest bench/results/*.json (by its start time): one short
table per file set with its ratios and the goals. bench/run calls it after each run; run it
alone to regenerate the README.

usage: summarize.py [RESULTS.json]   (default: the newest in bench/results)
"""
import json
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent

# Goals: (the JSON path of the value, what it is, comparison, target).
SET_GOALS = [
    ("import_jobs1_vs_walk_wall", "import --jobs 1 ÷ walk, emails/s (wall time)", ">=", 0.90),
    ("import_jobs1_vs_walk_phase", "import --jobs 1 ÷ walk, emails/s (import phase only)", ">=", 0.90),
]
# (key in the JSON, row name, short name)
TOOLS = [
    ("walk", "bare libpff walk (bench/walk.c)", "walk"),
    ("import_jobs1", "pstscope import --jobs 1 (worker process)", "import --jobs 1"),
    ("import_jobs1_in_process", "pstscope import --jobs 1 --in-process", "--in-process"),
    ("import_all_cores", "pstscope import --jobs {jobs}", "import --jobs {jobs}"),
    ("readpst", "readpst -j 0 -r -D -e", "readpst"),
    ("pffexport", "pffexport -m items", "pffexport"),
]


def files(count):
    return f"{count} file" + ("" if count == 1 else "s")


def number(value, digits=0):
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def verdict(value, comparison, target):
    if value is None:
        return "not measured"
    met = value >= target if comparison == ">=" else value <= target
    return "met" if met else "**missed**"


def goal_row(what, value, comparison, target, digits=2):
    sign = "≥" if comparison == ">=" else "≤"
    return f"| {what} | {number(value, digits)} | {sign} {target} | {verdict(value, comparison, target)} |"


def megabytes(size):
    return f"{size / 1e6:,.1f} MB"


def tool_rows(measurements, jobs):
    yield "| reader | seconds (import phase) | CPU seconds | items/s | peak memory (MB) | items | notes |"
    yield "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
    for key, name, _ in TOOLS:
        m = measurements.get(key)
        if not m:
            continue
        seconds = number(m["seconds"], 2)
        if m.get("phase_seconds") is not None:
            seconds += f" ({number(m['phase_seconds'], 2)})"
        per_second = m["items"] / m["seconds"] if m.get("items") and m["seconds"] else None
        notes = []
        if m.get("exit_code"):
            notes.append(f"exit {m['exit_code']}")
        if m.get("failed_files"):
            notes.append(f"failed on {files(len(m['failed_files']))}")
        if m.get("partial_files"):
            notes.append(f"items failed in {files(len(m['partial_files']))}")
        if m.get("failed_items"):
            notes.append(f"{m['failed_items']:,} unreadable items")
        yield (f"| {name.format(jobs=jobs)} | {seconds} | {number(m.get('cpu_seconds'), 2)} | {number(per_second)} | "
               f"{number(m['peak_rss_mb'], 1)} | {number(m.get('items'))} | {'; '.join(notes)} |")


def failures(measurements, jobs):
    """The files each tool could not read (or read in part), one line per file."""
    by_file = {}
    for key, _, short in TOOLS:
        m = measurements.get(key, {})
        for kind in ("failed_files", "partial_files"):
            for f in m.get(kind, []):
                by_file.setdefault(f, []).append(short.format(jobs=jobs)
                                                 + (" (some items)" if kind == "partial_files" else ""))
    for f, tools in sorted(by_file.items()):
        yield f"- `{f}`: failed in {', '.join(tools)}"
    if by_file:
        yield ""


def file_set_section(file_set, jobs):
    r = file_set["ratios"]
    if file_set["kind"] == "generated":
        (f,) = file_set["files"]
        yield f"### Generated `large`, {file_set['messages']:,} messages (seed 1, {megabytes(f['bytes'])})"
    else:
        total = sum(f["bytes"] for f in file_set["files"])
        yield (f"### Real samples: {len(file_set['files'])} files, {megabytes(total)} "
               "(each file read on its own; seconds and items summed)")
    yield ""
    yield from tool_rows(file_set["measurements"], jobs)
    yield ""
    yield from failures(file_set["measurements"], jobs)
    yield "| ratio | value | goal | |"
    yield "| --- | ---: | ---: | --- |"
    if file_set["kind"] == "generated":
        for key, what, comparison, target in SET_GOALS:
            yield goal_row(what, r[key], comparison, target)
    else:
        # Files of a few MB: process start and the analysis dominate, not reading; no goal.
        for key, what, _, _ in SET_GOALS:
            yield f"| {what} | {number(r[key], 2)} | (tiny files: start-up dominates) | |"
    paired = file_set.get("paired")
    if paired:
        count = len(paired["rounds"])
        for key, what, comparison, target in SET_GOALS:
            yield goal_row(f"{what}, median of {count} back-to-back pairs "
                           f"({', '.join(number(r['ratios'][key], 2) for r in paired['rounds'])})",
                           paired["median"][key], comparison, target)
    yield f"| worker ÷ in-process, seconds (wall; import phase) | {number(r['process_boundary_wall'], 2)}; {number(r['process_boundary_phase'], 2)} | | |"
    yield f"| --jobs 1 ÷ --jobs {jobs} on one file, seconds | {number(r['all_cores_speedup_one_file'], 2)} | | |"
    yield f"| readpst ÷ walk, items/s | {number(r['readpst_vs_walk'], 2)} | | |"
    yield f"| pffexport ÷ walk, items/s | {number(r['pffexport_vs_walk'], 2)} | | |"
    yield ""


def callgrind_section(c):
    runs = c["runs"]
    yield f"### Instructions per email (callgrind, generated `large`, {c['messages']:,} messages)"
    yield ""
    yield "| run | instructions | per email | processes |"
    yield "| --- | ---: | ---: | --- |"
    for key, name in (("walk", "walk"), ("import_jobs1", "import --jobs 1"),
                      ("import_jobs1_in_process", "import --jobs 1 --in-process")):
        run = runs[key]
        processes = ", ".join(f"{'worker' if ' worker ' in p['command'] else 'main'} {p['instructions']:,}"
                              for p in run["processes"])
        yield f"| {name} | {run['instructions']:,} | {number(run['instructions_per_item'])} | {processes} |"
    yield ""
    yield "| ratio | value | goal | |"
    yield "| --- | ---: | ---: | --- |"
    yield goal_row("import --jobs 1 ÷ walk, instructions per email", c["ratios"]["import_jobs1_vs_walk"], "<=", 1.15)
    yield goal_row("import --jobs 1 --in-process ÷ walk", c["ratios"]["in_process_vs_walk"], "<=", 1.15)
    yield f"| the worker alone ÷ walk (reading, before the store and the analysis) | {number(c['ratios']['worker_only_vs_walk'], 2)} | | |"
    yield ""


def memory_section(m):
    yield f"### Peak memory, {m['large_messages']:,} against {m['small_messages']:,} messages"
    yield ""
    yield "| ratio | value | goal | |"
    yield "| --- | ---: | ---: | --- |"
    yield goal_row(f"import --jobs 1 on {m['large_messages']:,}, MB", m["import_large_mb"], "<=", 300, 1)
    yield goal_row("import --jobs 1, large ÷ small", m["import_ratio"], "<=", 1.10)
    yield f"| walk, large ÷ small (libpff's own growth: {number(m['walk_small_mb'], 1)} → {number(m['walk_large_mb'], 1)} MB) | {number(m['walk_ratio'], 2)} | | |"
    yield ""


def parallel_section(p):
    yield (f"### Parallel import: {p['files']} generated `steady` PSTs of {p['messages_per_file']:,} "
           f"messages (seeds {p['seeds']}, {megabytes(p['bytes'])}, {p['messages']:,} items)")
    yield ""
    yield "| run | seconds (import phase) | peak memory (MB) | messages in the store |"
    yield "| --- | ---: | ---: | ---: |"
    for key, name in (("jobs1", "--jobs 1"), ("jobs2", "--jobs 2")):
        run = p[key]
        yield (f"| {name} | {number(run['seconds'], 2)} ({number(run.get('phase_seconds'), 2)}) | "
               f"{number(run['peak_rss_mb'], 1)} | {number(run.get('store_messages'))} |")
    yield ""
    yield "| ratio | value | goal | |"
    yield "| --- | ---: | ---: | --- |"
    yield goal_row("speedup, wall(--jobs 1) ÷ wall(--jobs 2)", p["speedup_wall"], ">=", 1.7)
    yield f"| speedup of the import phase | {number(p['speedup_phase'], 2)} | | |"
    paired = p.get("paired")
    if paired:
        rounds = paired["rounds"]
        yield goal_row(f"speedup, wall, median of {len(rounds)} back-to-back pairs "
                       f"({', '.join(number(r['ratios']['speedup_wall'], 2) for r in rounds)})",
                       paired["median"]["speedup_wall"], ">=", 1.7)
        yield f"| speedup of the import phase, median of the pairs | {number(paired['median']['speedup_phase'], 2)} | | |"
    for key, name in (("jobs1", "--jobs 1"), ("jobs2", "--jobs 2")):
        run = p[key]
        if run.get("cpu_seconds") and run["seconds"]:
            busy = run["cpu_seconds"] / run["seconds"]
            yield f"| {name}: cores kept busy, CPU seconds ÷ wall seconds | {number(busy, 2)} | | |"
    yield ""


def queries_section(q):
    yield f"### Analysis, queries and reports on the {q['messages']:,}-message store"
    yield ""
    yield "| step | seconds | peak memory (MB) |"
    yield "| --- | ---: | ---: |"
    a, r = q["analyze"], q["report"]
    yield f"| pstscope analyze ({'; '.join(a.get('summary', []))}) | {number(a['seconds'], 2)} | {number(a['peak_rss_mb'], 1)} |"
    yield f"| pstscope gaps --contact {q['gaps_contact']['subject']} (median of 21 runs) | {q['gaps_contact']['median_ms'] / 1000:.3f} | |"
    yield f"| pstscope senders --top 50 (median of 21 runs) | {q['senders_top50']['median_ms'] / 1000:.3f} | |"
    yield f"| pstscope report (3 HTML, XLSX, CSV, JSON) | {number(r['seconds'], 2)} | {number(r['peak_rss_mb'], 1)} |"
    yield ""
    yield "| ratio | value | goal | |"
    yield "| --- | ---: | ---: | --- |"
    yield goal_row("gap analysis ÷ import phase", a.get("gaps_vs_import_phase"), "<=", 0.10)
    yield goal_row("senders and network ÷ import phase", a.get("senders_vs_import_phase"), "<=", 0.10)
    yield goal_row("gaps --contact, seconds", q["gaps_contact"]["median_ms"] / 1000, "<=", 0.1, 3)
    yield goal_row("senders --top 50, seconds", q["senders_top50"]["median_ms"] / 1000, "<=", 0.2, 3)
    yield goal_row("report, seconds", r["seconds"], "<=", 10)
    yield goal_row("report, peak memory (MB)", r["peak_rss_mb"], "<=", 500, 1)
    yield ""


HEADER = """# pstscope benchmarks

`make bench` builds the release binary and runs `bench/run`, which measures everything below in
one run (so that ratios compare figures taken under the same load), writes every figure to
`bench/results/<UTC date>-<label>.json` and regenerates this file from the newest of them with
`bench/summarize.py` (`bench/summarize.py FILE` shows another run, e.g. the last full one after
a partial run). Do not edit this file by hand.

Settings, as environment variables of `bench/run` or `make bench`: `MESSAGES` (sizes of the
generated `large` PSTs, default `"100000 1000000"`), `SAMPLES` (folder of real PST/OST files,
default `../shared/pst-samples`, `none` skips), `CALLGRIND_MESSAGES` (default 20000, 0 skips),
`PARALLEL_FILES` and `PARALLEL_MESSAGES` (default 8 × 12500, 0 files skips), `ROUNDS` (default 3:
walk and import, and `--jobs 1` and `--jobs 2`, again as that many back-to-back pairs, whose
median ratio is steadier on a shared machine than one pair; 1 skips), `JOBS` (default:
the number of cores), `LABEL`, `BIN`, `KEEP_WORK=1`. `make bench LIBPFF=pypi` measures pstscope and
the walk against libpff 20260926 built from its source release instead of Debian's libpff (the
project README says why). A quick check of the suite itself:
`MESSAGES=20000 CALLGRIND_MESSAGES=5000 PARALLEL_MESSAGES=1500 bench/run`.

What is measured: the bare libpff walk (`bench/walk.c`: the libpff calls and properties
pstscope's reader makes, nothing kept) is pstscope's speed limit; `pstscope import` reads each
file in a worker process, `--in-process` in the importing process (the difference is what the
process boundary costs). Seconds are wall time of the whole command; the import phase is the
session's `batch_performance.duration_seconds` (reading and storing, without the analysis that
follows). Peak memory is GNU time's maximum resident set (the largest process), for imports the
larger of that and the session's sampled sum of parent and workers. A generated file must be
counted exactly by every tool, or the run fails. Instruction counts (callgrind, children
followed, all processes summed) do not depend on the machine's load; times do, and the load
average before each command is in the JSON.
"""


def newest(directory):
    candidates = []
    for path in directory.glob("*.json"):
        try:
            candidates.append((json.loads(path.read_text())["started"], path))
        except (ValueError, KeyError):
            continue
    return max(candidates)[1] if candidates else None


def load_averages(node):
    """Every load_before in the results."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "load_before":
                yield value
            else:
                yield from load_averages(value)
    elif isinstance(node, list):
        for value in node:
            yield from load_averages(value)


def summary(result, source):
    m, b = result["machine"], result["build"]
    jobs = result["settings"]["jobs_all_cores"]
    yield HEADER
    yield f"## Run of {result['started']} (`{source.name}`)"
    yield ""
    modified = ", sources modified since" if b.get("sources_modified") else ""
    yield (f"pstscope {b.get('version') or ''} at commit {b.get('commit')}{modified}. Machine: {m['cores']} cores, "
           f"{m['ram_gib']} GiB, {m['kernel']}; {m['swift']}; libpff {m['libpff']}"
           f"{' (' + m['libpff_from'] + ')' if m.get('libpff_from') else ''}, "
           f"readpst {m['readpst']}, pffexport {m['pffexport']}.")
    yield ""
    failed = [c for c in result["checks"] if not c["ok"]]
    if failed or result["errors"]:
        yield "**This run failed:**"
        for c in failed:
            yield f"- {c['what']}: {c['detail']}"
        for e in result["errors"]:
            yield f"- step {e['step']}: {e['error']}"
        yield ""
    loads = list(load_averages(result))
    if loads and max(loads) > m["cores"] / 2:
        yield (f"The load average before the commands ranged from {min(loads):.1f} to {max(loads):.1f} "
               f"on {m['cores']} cores: other work shared the machine, times are noisy "
               "(instruction counts are not).")
        yield ""
    for note in result.get("notes", []):
        yield f"Note: {note}."
        yield ""
    for file_set in result["file_sets"]:
        yield from file_set_section(file_set, jobs)
    if result.get("memory_scaling"):
        yield from memory_section(result["memory_scaling"])
    if result.get("callgrind"):
        yield from callgrind_section(result["callgrind"])
    if result.get("parallel"):
        yield from parallel_section(result["parallel"])
    if result.get("queries"):
        yield from queries_section(result["queries"])
    older = sorted(p.name for p in (BENCH / "results").iterdir() if p.resolve() != source.resolve())
    if older:
        yield "Other results: " + ", ".join(f"[{name}](results/{name})" for name in older) + "."


def main():
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else newest(BENCH / "results")
    if source is None:
        lines = [HEADER, "No results yet: run `make bench`."]
    else:
        lines = list(summary(json.loads(source.read_text()), source))
    (BENCH / "README.md").write_text("\n".join(lines).rstrip() + "\n")
    print(f"bench: wrote {BENCH.relative_to(BENCH.parent) / 'README.md'}", file=sys.stderr)


if __name__ == "__main__":
    main()
