#!/usr/bin/env python3
"""Writes bench/README.md from the newest bench/results/*.json (by its start time): the goals
first, each with its value, target and verdict, then one table per file set and section.
bench/run calls it after each run; run it alone to regenerate the README.

usage: summarize.py [RESULTS.json]   (default: the newest in bench/results)
"""
import json
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent

# The tools of a file set, in the order of the tables: (key in the JSON, row name).
TOOLS = [
    ("walk", "bare walk, {walk_libpff}"),
    ("walk_debian", "bare walk, {debian_libpff}"),
    ("import_jobs1", "pstscope import --jobs 1"),
    ("import_jobs1_no_monitor", "pstscope import --jobs 1 --no-monitor"),
    ("import_jobs2", "pstscope import --jobs 2"),
    ("readpst", "readpst -j 0 -r -D -e"),
    ("pffexport", "pffexport -m items (Debian's libpff)"),
]


def files(count):
    return f"{count} file" + ("" if count == 1 else "s")


def number(value, digits=0):
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def limit_text(seconds):
    """A time limit as the tables show a stopped tool: "> 600 s", "> 20 min"."""
    if seconds >= 900 and seconds % 60 == 0:
        return f"> {seconds // 60} min"
    return f"> {seconds} s"


def megabytes(size):
    return f"{size / 1e6:,.1f} MB"


def met(value, comparison, target):
    return value >= target if comparison == ">=" else value <= target


class Goals:
    """The goals table: one row per figure, numbered by goal."""

    def __init__(self):
        self.rows = []

    def add(self, goal, what, value, comparison, target, digits=2, detail="", lower_bound=None):
        """VALUE None: not measured. LOWER_BOUND (the tool stopped at its limit): the true value is
        above VALUE, which settles a ≥ goal only when VALUE already meets it."""
        sign = "≥" if comparison == ">=" else "≤"
        if value is None:
            shown, verdict = "–", "not measured"
        elif lower_bound:
            shown = f"> {number(value, digits)}"
            verdict = "met" if comparison == ">=" and value >= target else f"not measured ({lower_bound} stopped)"
        else:
            shown = number(value, digits)
            verdict = "met" if met(value, comparison, target) else "**missed**"
        what = f"{what} ({detail})" if detail else what
        self.rows.append(f"| {goal} | {what} | {shown} | {sign} {target} | {verdict} |")

    def report(self, goal, what, shown):
        """A figure the goals name without a target."""
        self.rows.append(f"| {goal} | {what} | {shown} | (reported) | |")

    def lines(self):
        yield "| # | goal | value | target | |"
        yield "| --- | --- | ---: | ---: | --- |"
        yield from self.rows


def size(file_set):
    layout = ", flat" if file_set.get("layout") == "flat" else ""
    return f"{file_set['messages']:,}{layout}"


def rounds_detail(file_set, key):
    """The value of a ratio that has back-to-back rounds: their median, and the rounds listed."""
    rounds = file_set.get("rounds")
    if not rounds:
        return file_set["ratios"].get(key), ""
    values = ", ".join(number(r["ratios"].get(key), 2) for r in rounds["rounds"])
    return rounds["median"].get(key), f"median of {len(rounds['rounds'])} back-to-back rounds: {values}"


def goals(result):
    generated = sorted((s for s in result["file_sets"] if s["kind"] == "generated"), key=lambda s: s["messages"])
    folders = [s for s in generated if s.get("layout") == "folders"]
    largest = folders[-1] if folders else None
    g = Goals()

    scaling = result.get("scaling")
    if scaling:
        sizes = f"{scaling['large_messages']:,} ÷ {scaling['small_messages']:,} messages"
        g.add(1, f"linear scaling: import --jobs 1 items/s, {sizes}", scaling["import_jobs1_rate"], ">=", 0.9,
              detail=f"over the import phase: {number(scaling.get('import_jobs1_phase_rate'), 2)}")
        g.add(1, f"linear scaling: bare walk items/s, {sizes}", scaling["walk_rate"], ">=", 0.9)
    else:
        g.add(1, "linear scaling: import --jobs 1 items/s, largest ÷ smallest `large` file", None, ">=", 0.9)
        g.add(1, "linear scaling: bare walk items/s, largest ÷ smallest `large` file", None, ">=", 0.9)

    if largest:
        j1, j2 = largest["measurements"]["import_jobs1"], largest["measurements"]["import_jobs2"]
        g.add(2, f"memory: peak of all pstscope processes, import --jobs 1, {size(largest)} messages, MB",
              j1.get("peak_rss_mb"), "<=", 300, 1,
              detail=f"sampled sum {number(j1.get('store_peak_rss_mb'), 1)}, "
                     f"GNU time's largest process {number(j1.get('time_peak_rss_mb'), 1)}")
        g.report(2, f"memory: the same with --jobs 2, MB (sampled sum {number(j2.get('store_peak_rss_mb'), 1)}, "
                    f"GNU time's largest process {number(j2.get('time_peak_rss_mb'), 1)})",
                 number(j2.get("peak_rss_mb"), 1))
    else:
        g.add(2, "memory: peak of all pstscope processes, import --jobs 1, largest file, MB", None, "<=", 300, 1)

    for file_set in folders or [None]:
        if file_set is None:
            g.add(3, "close to the parser: walk seconds ÷ import-phase seconds", None, ">=", 0.90)
            continue
        value, detail = rounds_detail(file_set, "walk_vs_import_phase")
        g.add(3, f"close to the parser: walk seconds ÷ import-phase seconds, {size(file_set)}", value, ">=", 0.90,
              detail=detail)

    g.add(4, f"cores: one file of {size(largest)} messages, --jobs 1 ÷ --jobs 2 seconds" if largest
          else "cores: one file, --jobs 1 ÷ --jobs 2 seconds",
          largest["ratios"].get("jobs2_speedup") if largest else None, ">=", 1.5)
    p = result.get("parallel")
    if p:
        value, detail = p["speedup_wall"], ""
        if p.get("rounds"):
            value = p["rounds"]["median"]["speedup_wall"]
            detail = (f"median of {len(p['rounds']['rounds'])} back-to-back pairs: "
                      + ", ".join(number(r["ratios"]["speedup_wall"], 2) for r in p["rounds"]["rounds"]))
        g.add(4, f"cores: {p['files']} files of {p['messages_per_file']:,}, --jobs 1 ÷ --jobs 2 seconds",
              value, ">=", 1.5, detail=detail)
    else:
        g.add(4, "cores: several files, --jobs 1 ÷ --jobs 2 seconds", None, ">=", 1.5)

    for file_set in generated or [None]:
        if file_set is None:
            g.add(5, "ahead of the peers: import --jobs 1 ÷ readpst, items/s", None, ">=", 3)
            continue
        r = file_set["ratios"]
        bound = r.get("import_vs_readpst_at_least")
        g.add(5, f"ahead of the peers: import --jobs 1 ÷ readpst, items/s, {size(file_set)}",
              bound if bound is not None else r.get("import_vs_readpst"), ">=", 3,
              lower_bound="readpst" if bound is not None else None)
    if largest:
        peer = largest["measurements"]["readpst"]
        g.report(5, f"readpst on {size(largest)} messages, seconds",
                 limit_text(peer["limit_s"]) if peer.get("timed_out") else number(peer.get("seconds"), 1))

    c = result.get("callgrind")
    g.add(6, "instructions per email: patched walk ÷ Debian walk"
          + (f", {c['messages']:,} messages" if c else ""),
          c["ratios"].get("walk_vs_debian_walk") if c else None, "<=", 1.0)
    g.add(6, "instructions per email: import --jobs 1 (parent and worker) ÷ patched walk",
          c["ratios"].get("import_jobs1_vs_walk") if c else None, "<=", 1.5)

    for file_set in generated or [None]:
        if file_set is None:
            g.add(7, "monitoring: import --jobs 1 seconds, monitor ÷ --no-monitor", None, "<=", 1.05)
            continue
        value, detail = rounds_detail(file_set, "monitor_cost_wall")
        g.add(7, f"monitoring: import --jobs 1 seconds, monitor ÷ --no-monitor, {size(file_set)}", value,
              "<=", 1.05, detail=detail)
    return g


def seconds_cell(m):
    if m.get("timed_out"):
        return limit_text(m["limit_s"])
    cell = number(m.get("seconds"), 2)
    if m.get("phase_seconds") is not None:
        cell += f" ({number(m['phase_seconds'], 2)})"
    return cell


def tool_rows(measurements, names):
    yield "| tool | seconds (import phase) | CPU seconds | items/s | peak memory (MB) | items | notes |"
    yield "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
    for key, name in TOOLS:
        m = measurements.get(key)
        if not m:
            continue
        per_second = m["items"] / m["seconds"] if m.get("items") and m.get("seconds") else None
        notes = []
        if m.get("timed_out"):
            notes.append(f"stopped after {m['limit_s']} s")
            if m.get("items_written_when_stopped") is not None:
                notes.append(f"{m['items_written_when_stopped']:,} items written by then")
        if m.get("timed_out_files"):
            notes.append(f"stopped after {m.get('limit_s')} s on {files(len(m['timed_out_files']))}")
        if m.get("exit_code"):
            notes.append(f"exit {m['exit_code']}")
        if m.get("failed_files"):
            notes.append(f"failed on {files(len(m['failed_files']))}")
        if m.get("partial_files"):
            notes.append(f"items failed in {files(len(m['partial_files']))}")
        if m.get("failed_items"):
            notes.append(f"{m['failed_items']:,} unreadable items")
        yield (f"| {name.format(**names)} | {seconds_cell(m)} | {number(m.get('cpu_seconds'), 2)} | "
               f"{number(per_second)} | {number(m.get('peak_rss_mb'), 1)} | {number(m.get('items'))} | "
               f"{'; '.join(notes)} |")


def failures(measurements, names):
    """The files each tool could not read (or read in part, or was stopped on), one line per file."""
    by_file = {}
    for key, name in TOOLS:
        m = measurements.get(key, {})
        for kind, how, suffix in (("failed_files", "failed in", ""), ("partial_files", "failed in", " (some items)"),
                                  ("timed_out_files", "stopped at its limit in", "")):
            for f in m.get(kind, []):
                by_file.setdefault(f, {}).setdefault(how, []).append(name.format(**names) + suffix)
    for f, hows in sorted(by_file.items()):
        yield f"- `{f}`: " + "; ".join(f"{how} {', '.join(tools)}" for how, tools in hows.items())
    if by_file:
        yield ""


def lower_bound(value, bound, digits=2):
    return f"> {number(bound, digits)}" if bound is not None else number(value, digits)


def file_set_section(file_set, names):
    r = file_set["ratios"]
    if file_set["kind"] == "generated":
        (f,) = file_set["files"]
        layout = ("flat: all mail in Inbox and Sent Items" if file_set.get("layout") == "flat"
                  else "monthly archive folders")
        yield (f"### Generated `large`, {file_set['messages']:,} messages, {layout} "
               f"(seed 1, {megabytes(f['bytes'])})")
    else:
        total = sum(f["bytes"] for f in file_set["files"])
        yield (f"### Real samples: {len(file_set['files'])} files, {megabytes(total)} "
               "(each file read on its own; seconds and items summed)")
    yield ""
    yield from tool_rows(file_set["measurements"], names)
    yield ""
    yield from failures(file_set["measurements"], names)
    if file_set["kind"] != "generated":
        # Files of a few MB: process start and the analysis dominate, not reading; no goal.
        return
    yield "| ratio | value |"
    yield "| --- | ---: |"
    for key, what in (("walk_vs_import_phase", "walk seconds ÷ import-phase seconds"),
                      ("import_vs_walk_wall", "import --jobs 1 ÷ walk, items/s, wall time"),
                      ("monitor_cost_wall", "import --jobs 1, monitor ÷ --no-monitor, seconds")):
        value, detail = rounds_detail(file_set, key)
        yield f"| {what}{' (' + detail + ')' if detail else ''} | {number(value, 2)} |"
    yield f"| --jobs 1 ÷ --jobs 2, seconds | {number(r.get('jobs2_speedup'), 2)} |"
    yield (f"| import --jobs 1 ÷ readpst, items/s | "
           f"{lower_bound(r.get('import_vs_readpst'), r.get('import_vs_readpst_at_least'))} |")
    yield (f"| walk with Debian's libpff ÷ patched walk, seconds | "
           f"{lower_bound(r.get('debian_walk_vs_walk_seconds'), r.get('debian_walk_vs_walk_seconds_at_least'))} |")
    yield f"| readpst ÷ walk, items/s | {number(r.get('readpst_vs_walk'), 2)} |"
    if "pffexport" in file_set["measurements"]:
        yield f"| pffexport ÷ walk, items/s | {number(r.get('pffexport_vs_walk'), 2)} |"
    yield ""
    yield from backup_during_lines(file_set)


def callgrind_section(c, names):
    runs = c["runs"]
    yield f"### Instructions per email (callgrind, generated `large`, {c['messages']:,} messages)"
    yield ""
    yield "| run | instructions | per email | processes |"
    yield "| --- | ---: | ---: | --- |"
    for key, name in (("walk", "bare walk, {walk_libpff}"), ("walk_debian", "bare walk, {debian_libpff}"),
                      ("import_jobs1", "pstscope import --jobs 1")):
        run = runs.get(key)
        if not run:
            continue
        processes = ", ".join(f"{'worker' if ' worker ' in p['command'] else 'main'} {p['instructions']:,}"
                              for p in run["processes"])
        yield (f"| {name.format(**names)} | {run['instructions']:,} | {number(run['instructions_per_item'])} | "
               f"{processes} |")
    yield ""
    yield "| ratio | value |"
    yield "| --- | ---: |"
    yield f"| patched walk ÷ Debian walk | {number(c['ratios'].get('walk_vs_debian_walk'), 2)} |"
    yield f"| import --jobs 1 ÷ patched walk | {number(c['ratios'].get('import_jobs1_vs_walk'), 2)} |"
    yield (f"| the worker alone ÷ patched walk (reading, before the store and the analysis) | "
           f"{number(c['ratios'].get('worker_only_vs_walk'), 2)} |")
    yield ""


def parallel_section(p):
    yield (f"### Parallel import: {p['files']} generated `steady` PSTs of {p['messages_per_file']:,} "
           f"messages (seeds {p['seeds']}, {megabytes(p['bytes'])}, {p['messages']:,} items)")
    yield ""
    yield "| run | seconds (import phase) | peak memory (MB) | messages in the store | cores kept busy (CPU ÷ wall seconds) |"
    yield "| --- | ---: | ---: | ---: | ---: |"
    for key, name in (("jobs1", "--jobs 1"), ("jobs2", "--jobs 2")):
        run = p[key]
        busy = run["cpu_seconds"] / run["seconds"] if run.get("cpu_seconds") and run.get("seconds") else None
        yield (f"| {name} | {seconds_cell(run)} | {number(run['peak_rss_mb'], 1)} | "
               f"{number(run.get('store_messages'))} | {number(busy, 2)} |")
    yield ""
    yield "| ratio | value |"
    yield "| --- | ---: |"
    yield f"| --jobs 1 ÷ --jobs 2, seconds (first pair) | {number(p['speedup_wall'], 2)} |"
    yield f"| the same, import phase | {number(p['speedup_phase'], 2)} |"
    if p.get("rounds"):
        rounds = p["rounds"]
        yield (f"| --jobs 1 ÷ --jobs 2, seconds, median of {len(rounds['rounds'])} pairs "
               f"({', '.join(number(r['ratios']['speedup_wall'], 2) for r in rounds['rounds'])}) | "
               f"{number(rounds['median']['speedup_wall'], 2)} |")
        yield f"| the same, import phase, median of the pairs | {number(rounds['median']['speedup_phase'], 2)} |"
    yield ""


def gap_accuracy_section(g, source):
    rows = g["rows"]
    seeds = rows[0]["seeds"] if rows else 0
    yield f"### Gap detection against the truth ({seeds} seeds per size{source})"
    yield ""
    yield ("Injected gaps of 3 or more business days in `gappy` mailboxes (six of the whole mailbox, one of "
           "incoming mail only), found when a reported mailbox gap overlaps them; \"without the evidence\" counts only gaps whose probability is below the counting "
           f"limit ({g['counting_limit']:g}) alone, as before replies pointing into a silence lowered its threshold "
           "(bench/gap_accuracy.py).")
    yield ""
    yield ("| mailbox | recall | without the evidence | where ≥ 10 messages were expected | "
           "that a reply points into | the same, without the evidence | incoming mail only lost | "
           "false alarms, moderate or above |")
    yield "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"

    def cell(part):
        return f"{number(part['recall'], 2)} ({part['found']}/{part['of']})" if part["of"] else "–"
    for r in rows:
        if r["scenario"] == "gappy":
            yield (f"| gappy {r['messages']:,} | {cell(r['all'])} | {cell(r['all_without_evidence'])} | "
                   f"{cell(r['expected_10_or_more'])} | {cell(r['reply_points_in'])} | "
                   f"{cell(r['reply_points_in_without_evidence'])} | "
                   f"{cell(r['incoming_only']) if r.get('incoming_only') else '–'} | {r['false_alarms_moderate_or_above']} |")
        else:
            yield (f"| {r['scenario']} {r['messages']:,} | | | | | | | {r['false_alarms_moderate_or_above']} |")
    yield ""
    gappy = [r for r in rows if r["scenario"] == "gappy"]

    def pooled(key):
        found = sum(r[key]["found"] for r in gappy)
        total = sum(r[key]["of"] for r in gappy)
        return found / total if total else None
    yield "| goal | value | target | |"
    yield "| --- | ---: | ---: | --- |"
    yield goal_row("recall where ≥ 10 messages were expected, all sizes", pooled("expected_10_or_more"), ">=", 1.0)
    yield goal_row("recall of gaps (≥ 3 business days) a reply points into, all sizes", pooled("reply_points_in"), ">=", 0.9)
    if all(r.get("incoming_only") for r in gappy):
        yield goal_row("recall of incoming-only gaps (the owner's mail kept), all sizes", pooled("incoming_only"), ">=", 0.9)
    yield goal_row("false alarms at moderate or above, gappy and steady", sum(r["false_alarms_moderate_or_above"] for r in rows),
                   "<=", 0, digits=0)
    yield ""


def goal_row(what, value, comparison, target, digits=2):
    sign = "≥" if comparison == ">=" else "≤"
    verdict = "not measured" if value is None else "met" if met(value, comparison, target) else "**missed**"
    return f"| {what} | {number(value, digits)} | {sign} {target} | {verdict} |"


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
    yield from store_copy_rows(q)
    yield ""
    yield "| ratio | value | goal | |"
    yield "| --- | ---: | ---: | --- |"
    yield goal_row("gap analysis ÷ import phase", a.get("gaps_vs_import_phase"), "<=", 0.10)
    yield goal_row("senders and network ÷ import phase", a.get("senders_vs_import_phase"), "<=", 0.10)
    yield goal_row("gaps --contact, seconds", q["gaps_contact"]["median_ms"] / 1000, "<=", 0.1, 3)
    yield goal_row("senders --top 50, seconds", q["senders_top50"]["median_ms"] / 1000, "<=", 0.2, 3)
    yield goal_row("report, seconds", r["seconds"], "<=", 10)
    yield goal_row("report, peak memory (MB)", r["peak_rss_mb"], "<=", 500, 1)
    if q.get("report_pdf"):
        yield goal_row("PDF reports, seconds", q["report_pdf"]["seconds"], "<=", 30)
    yield ""


def serve_section(s, source):
    """pstscope serve on the largest store: each route alone, then under load."""
    messages = f"{s['messages']:,}-message " if s.get("messages") else ""
    yield f"### pstscope serve on the {messages}store{source}"
    yield ""
    if s.get("store_read_seconds") is not None:
        yield (f"The store ({megabytes(s['store_bytes'])}) was read once before the server started "
               f"({number(s['store_read_seconds'], 2)} s), so that it is in the system's file cache as for a "
               "server that has run a while; \"cold\" is each route's first request after that.")
        yield ""
    yield (f"Each route asked once cold, then {next(iter(s['latency'].values()))['samples']} times in a row on one "
           f"keep-alive connection, going through its variants (other contacts, words, gaps), in milliseconds; "
           f"HTTP status 200 unless said:")
    yield ""
    yield "| route (first variant) | variants | cold | p50 | p95 | max | bytes |"
    yield "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    for name, r in s["latency"].items():
        status = "" if r["status"] == 200 else f" (status {r['status']})"
        yield (f"| {name}: `{s['routes'][name][0]}`{status} | {r['variants']} | {number(r['cold_ms'], 1)} | "
               f"{number(r['p50_ms'], 1)} | {number(r['p95_ms'], 1)} | {number(r['max_ms'], 1)} | {r['bytes']:,} |")
    load = s["load"]
    yield ""
    yield (f"Under load: {load['connections']} connections for {load['seconds']} s, asking every route in turn: "
           f"{load['requests']:,} requests ({number(load['requests_per_second'], 1)}/s), {load['errors']} errors, "
           f"p50 {number(load['p50_ms'], 1)} ms, p95 {number(load['p95_ms'], 1)} ms, p99 {number(load['p99_ms'], 1)} ms. "
           f"Server memory: {number(s['memory_at_start']['rss_kb'] / 1024, 1)} MB at the start, "
           f"{number(s['memory_after_load']['rss_kb'] / 1024, 1)} MB after the load, peak "
           f"{number(s['memory_after_load']['peak_rss_kb'] / 1024, 1)} MB.")
    yield ""
    yield "| ratio | value | goal | |"
    yield "| --- | ---: | ---: | --- |"
    slowest = s["slowest_p95"]
    yield goal_row(f"slowest p95 of any page or API call alone ({slowest['route']}), ms", slowest["p95_ms"], "<=", 200, 1)
    yield goal_row("errors under load", load["errors"], "<=", 0, 0)
    yield ""


def store_copy_rows(q):
    """The PDF reports, and the backups and restore of the same store, when the run made them."""
    pdf = q.get("report_pdf")
    if pdf:
        pages = ", ".join(f"{kind} {count}" for kind, count in pdf.get("pages", {}).items())
        yield f"| pstscope report --format pdf (pages: {pages}) | {number(pdf['seconds'], 2)} | {number(pdf['peak_rss_mb'], 1)} |"
    copies = q.get("backup")
    if not copies:
        return
    store = copies["store_bytes"]
    for key, what in (("backup", "pstscope backup"), ("backup_compressed", "pstscope backup --compress")):
        m = copies[key]
        yield f"| {what} ({megabytes(m.get('bytes', 0))} from a {megabytes(store)} store) | {number(m['seconds'], 2)} | {number(m['peak_rss_mb'], 1)} |"
    m = copies["restore_compressed"]
    yield f"| pstscope restore of the compressed backup into a new store | {number(m['seconds'], 2)} | {number(m['peak_rss_mb'], 1)} |"


def backup_during_lines(file_set):
    during = file_set.get("backup_during_import")
    if not during:
        return
    same = during["resumed_counts"] == during["uninterrupted_counts"]
    yield (f"A compressed backup taken while `import --jobs 1` wrote this file "
           f"({number(during['backup']['seconds'], 2)} s) held {during['backup_sightings']:,} sightings, "
           f"{'exactly' if during['backup_sightings'] == during['backup_batch_items'] else 'not'} the items of its "
           f"{'' if during['taken_while_importing'] else 'finished '}committed batches; restored and resumed, it ended "
           f"{'with the same' if same else 'with other'} counts as the uninterrupted import "
           f"({', '.join(f'{v:,} {k}' for k, v in during['resumed_counts'].items())}).")
    yield ""


HEADER = """# pstscope benchmarks

`make bench` builds the release binary and runs `bench/run`, which measures everything below in
one run (so that ratios compare figures taken under the same load), writes every figure to
`bench/results/<UTC date>-<label>.json` and regenerates this file from the newest of them with
`bench/summarize.py` (`bench/summarize.py FILE` shows another run, e.g. the last full one after
a partial run). Do not edit this file by hand.

What is measured, by default. Generated `large` PSTs (seed 1, messages numbered in arrival
order, as Outlook numbers them): 100,000 and 1,000,000 messages in monthly archive folders, and
200,000 with all mail in Inbox and Sent Items (`--layout flat`). Each file is read by:

- the bare libpff walk (`bench/walk.c`: the libpff calls and properties pstscope's reader makes,
  nothing kept) built against the libpff pstscope links, libpff 20260926 with the project's
  patches (`patches/libpff/`), run with the malloc setting pstscope gives its workers
  (`GLIBC_TUNABLES=glibc.malloc.tcache_count=1024`): pstscope's speed limit;
- the same walk, with the same setting, against Debian's libpff (libpff1, 20180714), which
  opens files numbered this way in time growing with the square of their items: stopped after
  `DEBIAN_WALK_TIMEOUT` seconds and shown as "> 600 s";
- `pstscope import` with `--jobs 1` (one worker process), `--jobs 1 --no-monitor` (no resource
  sampling, batch metrics or alerts) and `--jobs 2` (one file read by two workers);
- `readpst -j 0 -r -D -e`, stopped after `READPST_TIMEOUT` seconds ("> 20 min"), and, up to
  200,000 messages, `pffexport -m items` (Debian's libpff too), stopped after `PFFEXPORT_TIMEOUT`.

Besides: gap detection against synth's truth (`gappy` mailboxes of 800, 3,000 and 12,000
messages and `steady` ones of 3,000, ten seeds each, `bench/gap_accuracy.py`; `GAP_SEEDS=0`
skips it); 8 generated `steady` PSTs of 12,500 messages imported with `--jobs 1` and `--jobs 2`;
instructions per email (callgrind, children followed, all processes summed) of both walks and of
`import --jobs 1` on one 20,000-message `large` file; the real sample mailboxes, each file read
by every tool; and analyze, two queries and every report on the largest store. On files of up
to 200,000 messages the walk, `import --jobs 1` and `import --jobs 1 --no-monitor` run three
times back to back, and the 8-file imports as three pairs: the goals take the median ratio of
those rounds, steadier on a shared machine than one run.

Seconds are wall time of the whole command; the import phase is the session's
`batch_performance.duration_seconds` (reading and storing, without the analysis that follows;
none with `--no-monitor`, which records no batch metrics, so the monitor's cost is measured in
wall time). Items/s are the items a tool found divided by its seconds. Peak memory is GNU time's
maximum resident set (the largest process); for imports, the larger of that and the session's
sampled sum of parent and workers. Every tool that finishes must count every item of a
generated file, or the run fails; a tool stopped at its limit is reported, not a failure, and
a goal whose figure is missing (a size skipped, a tool stopped) reads "not measured".
Instruction counts do not depend on the machine's load; times do, and the load average before
each command is in the JSON, with the machine, the libpff each walk and pstscope ran on, the
patches and every command.

Settings, as environment variables of `bench/run` or `make bench` (default): `MESSAGES`
(`"100000 1000000"`), `FLAT_MESSAGES` (`"200000"`), empty or 0 skips; `SAMPLES` (folder of real
PST/OST files, `../shared/pst-samples`; `none` skips); `CALLGRIND_MESSAGES` (20000; 0 skips);
`PARALLEL_FILES` and `PARALLEL_MESSAGES` (8 × 12500; 0 files skips); `ROUNDS` (3; 1 runs each
once) on files up to `ROUNDS_MAX_MESSAGES` (200000); `DEBIAN_WALK_TIMEOUT` (600),
`READPST_TIMEOUT` (1200), `PFFEXPORT_TIMEOUT` (600) in seconds, 0 for none;
`PFFEXPORT_MAX_MESSAGES` (200000); `LABEL`; `BIN`; `KEEP_WORK=1` (keeps the work directory,
every command's output in its `logs/`). `make bench LIBPFF=debian` measures a pstscope built on
Debian's libpff instead; both walks then run on Debian's libpff. A quick check of the suite itself:
`MESSAGES="5000 20000" FLAT_MESSAGES=10000 CALLGRIND_MESSAGES=3000 PARALLEL_FILES=2
PARALLEL_MESSAGES=1500 SAMPLES=none ROUNDS=1 make bench`.
"""


# The results this summary reads: bench/suite.py writes "schema": SCHEMA; older files (an earlier
# suite's, without it) stay in bench/results as they were, linked at the end.
SCHEMA = 2


def newest(directory, having=None):
    candidates = []
    for path in directory.glob("*.json"):
        try:
            result = json.loads(path.read_text())
            if result.get("schema") == SCHEMA and (having is None or result.get(having)):
                candidates.append((result["started"], path))
        except (ValueError, KeyError, AttributeError):
            continue
    return max(candidates)[1] if candidates else None


def part(result, key, own):
    """A part of the results: this run's own, else, for a run that predates it or left it out,
    the newest results file that has it, with a link to that file."""
    if own:
        return own, ""
    latest = newest(BENCH / "results", having=key)
    if not latest:
        return None, ""
    return json.loads(latest.read_text())[key], f"from [{latest.name}](results/{latest.name})"


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


def libpff_name(library):
    """How a walk's libpff reads in the tables: its version, and the patches or its package."""
    if not library:
        return "libpff"
    if library.get("linked") == "shared":
        package = library.get("package")
        return f"{'Debian' if package == 'libpff1' else 'shared'} libpff {library.get('version') or ''}".strip()
    patches = library.get("patches") or []
    return f"libpff {library.get('version')}" + (f" + {len(patches)} patches" if patches else "")


def machine_line(result):
    m, b = result["machine"], result["build"]
    libpff = m.get("libpff") or {}
    walk = libpff.get("walk") or {}
    patches = ", ".join(f"`{p['file']}`" for p in walk.get("patches") or [])
    modified = ", sources modified since" if b.get("sources_modified") else ""
    return (f"pstscope {b.get('version') or ''} at commit {b.get('commit')}{modified}, on "
            f"{libpff_name(libpff.get('pstscope'))}. Machine: {m['cores']} cores, {m['ram_gib']} GiB, "
            f"{m['kernel']}; {m['swift']}. Walks: {libpff_name(walk)}{f' (patches: {patches})' if patches else ''} and "
            f"{libpff_name(libpff.get('walk_debian'))}; readpst {m['readpst']}, pffexport {m['pffexport']}, "
            f"{m.get('valgrind')}.")


def summary(result, source):
    m = result["machine"]
    libpff = m.get("libpff") or {}
    names = {"walk_libpff": libpff_name(libpff.get("walk")), "debian_libpff": libpff_name(libpff.get("walk_debian"))}
    yield HEADER
    yield f"## Run of {result['started']} (`{source.name}`)"
    yield ""
    yield machine_line(result)
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
    if result.get("notes"):
        yield ""
    yield "### Goals"
    yield ""
    yield from goals(result).lines()
    yield ""
    for file_set in result["file_sets"]:
        yield from file_set_section(file_set, names)
    if result.get("callgrind"):
        yield from callgrind_section(result["callgrind"], names)
    if result.get("parallel"):
        yield from parallel_section(result["parallel"])
    if result.get("queries"):
        yield from queries_section(result["queries"])
    serve, serve_source = part(result, "serve", (result.get("queries") or {}).get("serve"))
    if serve:
        yield from serve_section(serve, f" ({serve_source})" if serve_source else "")
    gaps, gaps_source = part(result, "gap_accuracy", result.get("gap_accuracy"))
    if gaps:
        yield from gap_accuracy_section(gaps, f"; {gaps_source}" if gaps_source else "")
    older = sorted(p.name for p in (BENCH / "results").iterdir() if p.resolve() != source.resolve())
    if older:
        yield "Other results: " + ", ".join(f"[{name}](results/{name})" for name in older) + "."


def main():
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else newest(BENCH / "results", having="file_sets")
    if source is None:
        lines = [HEADER, "No results of this suite yet: run `make bench`."]
    else:
        result = json.loads(source.read_text())
        if result.get("schema") != SCHEMA:
            sys.exit(f"bench: {source} was written by an earlier suite (not schema {SCHEMA}): read the JSON itself")
        lines = list(summary(result, source))
    (BENCH / "README.md").write_text("\n".join(lines).rstrip() + "\n")
    print(f"bench: wrote {BENCH.relative_to(BENCH.parent) / 'README.md'}", file=sys.stderr)


if __name__ == "__main__":
    main()
