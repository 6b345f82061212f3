"""Gap detection measured against synth's ground truth: `gappy` mailboxes of several sizes and
`steady` ones, each with several seeds, imported and analysed by pstscope, the reported gaps
compared with the truth's. Used by bench/suite.py; runs alone too:

    python3 bench/gap_accuracy.py PSTSCOPE WORKDIR [SEEDS]

An injected gap (whole-mailbox, or of incoming mail only while the owner's is kept) counts as
found when a gap reported for the mailbox overlaps it; as found
without the replies' evidence when that gap's probability is below the counting limit alone
(1e-4). A gap's expected mail is the owner-local business-day rate of the four weeks on either
side (from the truth) times its business days. "A reply points into it" when the truth names
the gap as the one a reply's parent was lost in. Precision counts the reported gaps of moderate
severity or above, of every entity, that overlap no injected gap, leave or uncovered range.
"""
import json
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

GAPPY_SIZES = [800, 3000, 12000]
STEADY_SIZE = 3000
COUNTING_LIMIT = 1e-4
SEVERE = {"moderate", "major", "critical"}


def run(command):
    completed = subprocess.run(command, capture_output=True, text=True)
    if completed.returncode not in (0, 2):
        raise RuntimeError(f"{' '.join(command)}: exit {completed.returncode}: {completed.stderr.strip()}")
    return completed.stdout


def days(start, end):
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    return {first + timedelta(n) for n in range((last - first).days + 1)}


def overlaps(a_start, a_end, b_start, b_end):
    return a_start <= b_end and b_start <= a_end


def mailbox(pstscope, work, scenario, messages, seed):
    """Synthesises, imports and analyses one mailbox; returns its truth and the gaps JSON."""
    stem = work / f"{scenario}-{messages}-{seed}"
    pst, store = f"{stem}.pst", f"{stem}.sqlite"
    run([pstscope, "synth", "--out", pst, "--scenario", scenario, "--messages", str(messages), "--seed", str(seed)])
    run([pstscope, "import", pst, "--store", store, "--jobs", "2", "--quiet", "--no-monitor"])
    gaps = json.loads(run([pstscope, "gaps", "--store", store, "--format", "json"]))
    truth = json.loads(Path(f"{stem}.truth.json").read_text())
    for path in (pst, f"{stem}.truth.json", store, f"{store}-wal", f"{store}-shm", f"{store}.lock"):
        Path(path).unlink(missing_ok=True)
    return truth, gaps


def business_rate(truth, around):
    """Mail per owner-local business day (Monday to Friday, outside the truth's gaps) in `around`."""
    zone = ZoneInfo(truth["owner"]["timezone"])
    counted = {}
    for message in truth["messages"]:
        if message["submit_time"]:
            local = datetime.strptime(message["submit_time"], "%Y-%m-%dT%H:%M:%SZ").replace(
                tzinfo=ZoneInfo("UTC")).astimezone(zone).date()
            if local in around:
                counted[local] = counted.get(local, 0) + 1
    business = [d for d in around if d.weekday() < 5]
    return sum(counted.values()) / len(business) if business else 0


def judge_gappy(truth, gaps, kind="gap"):
    """`kind` "gap": whole-mailbox gaps; "inbound": incoming mail lost, the owner's kept."""
    mailbox_gaps = [g for e in gaps["entities"] if e["entity"] == "mailbox" for g in e["gaps"]]
    pointed = {m["parent_lost_in_gap"] for m in truth["messages"] if m.get("parent_lost_in_gap")}
    outcomes = []
    for gap in truth["gaps"]:
        if gap["kind"] != kind or gap["business_days"] < 3:
            continue
        start, end = date.fromisoformat(gap["start"]), date.fromisoformat(gap["end"])
        around = days(str(start - timedelta(28)), str(start - timedelta(1))) | days(
            str(end + timedelta(1)), str(end + timedelta(28)))
        expected = business_rate(truth, around) * gap["business_days"]
        hits = [g for g in mailbox_gaps if overlaps(g["start"], g["end"], gap["start"], gap["end"])]
        outcomes.append({
            "business_days": gap["business_days"], "expected": round(expected, 1),
            "reply_points_in": gap["start"] in pointed,
            "found": bool(hits), "found_without_evidence": any(g["probability"] < COUNTING_LIMIT for g in hits),
        })
    return outcomes


def false_alarms(truth, gaps):
    explained = [(g["start"], g["end"]) for g in truth["gaps"]]
    return sum(1 for e in gaps["entities"] for g in e["gaps"]
               if g["severity"] in SEVERE and not any(overlaps(g["start"], g["end"], s, t) for s, t in explained))


def ratio(hits, total):
    return {"found": hits, "of": total, "recall": round(hits / total, 4) if total else None}


def measure(pstscope, work, seeds=10, log=print):
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    for messages in GAPPY_SIZES:
        outcomes, inbound, alarms = [], [], 0
        for seed in range(1, seeds + 1):
            truth, gaps = mailbox(pstscope, work, "gappy", messages, seed)
            outcomes += judge_gappy(truth, gaps)
            inbound += judge_gappy(truth, gaps, kind="inbound")
            alarms += false_alarms(truth, gaps)
        log(f"gap accuracy: gappy {messages}: {sum(o['found'] for o in outcomes)}/{len(outcomes)} found")
        ten = [o for o in outcomes if o["expected"] >= 10]
        pointed = [o for o in outcomes if o["reply_points_in"]]
        rows.append({
            "scenario": "gappy", "messages": messages, "seeds": seeds,
            "all": ratio(sum(o["found"] for o in outcomes), len(outcomes)),
            "all_without_evidence": ratio(sum(o["found_without_evidence"] for o in outcomes), len(outcomes)),
            "expected_10_or_more": ratio(sum(o["found"] for o in ten), len(ten)),
            "reply_points_in": ratio(sum(o["found"] for o in pointed), len(pointed)),
            "reply_points_in_without_evidence": ratio(sum(o["found_without_evidence"] for o in pointed), len(pointed)),
            "incoming_only": ratio(sum(o["found"] for o in inbound), len(inbound)),
            "false_alarms_moderate_or_above": alarms,
            "gaps": outcomes,
            "incoming_only_gaps": inbound,
        })
    alarms = 0
    for seed in range(1, seeds + 1):
        truth, gaps = mailbox(pstscope, work, "steady", STEADY_SIZE, seed)
        alarms += false_alarms(truth, gaps)
    rows.append({"scenario": "steady", "messages": STEADY_SIZE, "seeds": seeds,
                 "false_alarms_moderate_or_above": alarms})
    log(f"gap accuracy: steady {STEADY_SIZE}: {alarms} false alarms")
    return {"counting_limit": COUNTING_LIMIT, "rows": rows}


if __name__ == "__main__":
    result = measure(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 10,
                     log=lambda message: print(message, file=sys.stderr))
    print(json.dumps(result, indent=1))
