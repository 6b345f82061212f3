"""Counts a synthetic mailbox's mail by the owner's local weekday and hour from its truth file
alone, as `pstscope activity --format json` should report it: for the mailbox and for every
correspondent with at least 20 messages. Prints JSON: {"CONTACT or '' for the mailbox":
{"sent": 7x24, "received": 7x24}}, rows Sunday first. Python's zoneinfo and datetime do the
time-zone arithmetic; nothing of pstscope's code is used."""
import json
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

truth = json.load(open(sys.argv[1]))
owner = truth["owner"]["address"].lower()
zone = ZoneInfo(truth["owner"]["timezone"])


def empty():
    return {"sent": [[0] * 24 for _ in range(7)], "received": [[0] * 24 for _ in range(7)]}


counts = {"": empty()}
totals = {}
for message in truth["messages"]:
    if message["submit_time"] is None or message["message_class"] not in ("IPM.Note", "IPM.Schedule.Meeting.Request"):
        continue
    local = datetime.strptime(message["submit_time"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=ZoneInfo("UTC")).astimezone(zone)
    weekday = local.isoweekday() % 7  # Sunday 0
    sender = (message["sender_address"] or "").lower()
    side = "sent" if sender == owner else "received"
    counts[""][side][weekday][local.hour] += 1
    participants = []
    for address in [sender] + [r["address"].lower() for r in message["recipients"]]:
        if address and address != owner and address not in participants:
            participants.append(address)
    for address in participants:
        counts.setdefault(address, empty())[side][weekday][local.hour] += 1
        totals[address] = totals.get(address, 0) + 1

print(json.dumps({k: v for k, v in counts.items() if k == "" or totals[k] >= 20}, sort_keys=True))
