"""pstscope serve in a real browser: headless Chromium driven by Selenium.

Usage: serve_browser.py BASE_URL STORE PSTSCOPE EXTRA_PST

BASE_URL is a running `pstscope serve` of STORE (the demo store, the hostile mailbox
included); PSTSCOPE the binary, used for the figures the pages must agree with; EXTRA_PST a
mailbox to import while the overview is open. Every figure a page shows is compared with what
the command line or SQL gives for the same question, worked out here. Prints one line per check
passed; exits 1 with the failures otherwise.
"""

import json
import re
import sqlite3
import subprocess
import sys
import time
import unicodedata
from urllib.parse import quote

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

BASE, STORE, PSTSCOPE, EXTRA = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3], sys.argv[4]
failures = []


def check(name, condition, detail=""):
    if condition:
        print(f"ok {name}")
    else:
        failures.append(f"{name}: {detail}")
        print(f"FAILED {name}: {detail}")


def cli(*arguments):
    result = subprocess.run([PSTSCOPE, *arguments, "--store", STORE], capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"pstscope {' '.join(arguments)}: {result.stderr}")
    return json.loads(result.stdout)


def texts(driver, selector):
    return [element.text.strip() for element in driver.find_elements(By.CSS_SELECTOR, selector)]


def wait(driver, seconds=10):
    return WebDriverWait(driver, seconds, poll_frequency=0.05)


def contact_by_autocomplete(driver):
    """Three letters of a contact, the suggestion picked, and the contact page's counts."""
    profiles = cli("senders", "--top", "0", "--format", "json")
    # A contact with a profile in more than one mailbox if there is one: more rows to compare.
    by_email = {}
    for profile in profiles:
        by_email.setdefault(profile["sender_email"], []).append(profile)
    email = max(by_email, key=lambda e: (len(by_email[e]), sum(p["metrics"]["total_emails"] for p in by_email[e]), e))
    driver.get(BASE + "/contacts")
    box = driver.find_element(By.ID, "contact-search")
    box.send_keys(email[:3])
    # The suggestions list every contact whose address or names hold the letters: scroll to ours.
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#contact-suggestions li a"))
    offered = driver.find_elements(By.CSS_SELECTOR, "#contact-suggestions li a")
    names = [link.text for link in offered]
    chosen = [link for link in offered if link.text == email]
    if not chosen:
        # Narrow the way a user would: more of the address.
        box.send_keys(email[3:8])
        wait(driver).until(lambda d: any(a.text == email for a in d.find_elements(By.CSS_SELECTOR, "#contact-suggestions li a")))
        chosen = [a for a in driver.find_elements(By.CSS_SELECTOR, "#contact-suggestions li a") if a.text == email]
    check("autocomplete offers the contact after three letters (or a few more)", bool(chosen), f"{email} not in {names}")
    if not chosen:
        return
    chosen[0].click()
    wait(driver).until(lambda d: d.find_elements(By.ID, "contact-email"))
    check("the suggestion opens the contact's page", driver.find_element(By.ID, "contact-email").text == email)
    shown = {}
    for row in driver.find_elements(By.CSS_SELECTOR, "#profiles tr.profile"):
        shown[row.find_element(By.CSS_SELECTOR, ".custodian").text] = (
            int(row.find_element(By.CSS_SELECTOR, ".from-contact").text),
            int(row.find_element(By.CSS_SELECTOR, ".to-contact").text),
            int(row.find_element(By.CSS_SELECTOR, ".total").text),
            row.find_element(By.CSS_SELECTOR, ".classification").text)
    expected = {p["custodian"]: (p["metrics"]["emails_from_contact"], p["metrics"]["emails_to_contact"],
                                 p["metrics"]["total_emails"], p["classification"]) for p in by_email[email]}
    check("the contact page's counts equal `pstscope senders --format json`", shown == expected,
          f"page {shown} cli {expected}")


def custodian_range_and_gap(driver):
    """A custodian opened from the overview, a date range applied, its gaps; then one gap."""
    everything = cli("gaps", "--format", "json")
    mailboxes = [e for e in everything["entities"] if not e.get("contact") and e["gaps"]]
    custodian = sorted(mailboxes, key=lambda e: (-len(e["gaps"]), e["custodian"]))[0]["custodian"]
    gaps = [g for e in mailboxes if e["custodian"] == custodian for g in e["gaps"]]
    # A range that cuts the list: from the second gap's start to the year's end after the last.
    start = gaps[1]["start"] if len(gaps) > 1 else gaps[0]["start"]
    end = gaps[-1]["end"][:4] + "-12-31"
    driver.get(BASE + "/")
    driver.find_element(By.LINK_TEXT, custodian).click()
    wait(driver).until(lambda d: d.find_elements(By.ID, "apply-range"))
    driver.execute_script("document.getElementById('from').value = arguments[0];"
                          "document.getElementById('to').value = arguments[1];", start, end)
    driver.find_element(By.ID, "apply-range").click()
    wait(driver).until(lambda d: f"from={start}" in d.current_url)
    shown = [(row.find_element(By.CSS_SELECTOR, ".start").text, row.find_element(By.CSS_SELECTOR, ".end").text,
              row.find_element(By.CSS_SELECTOR, ".severity").text) for row in driver.find_elements(By.CSS_SELECTOR, "#gaps tr.gap")]
    ranged = cli("gaps", "--custodian", custodian, "--from", start, "--to", end, "--format", "json")
    expected = [(g["start"], g["end"], g["severity"]) for e in ranged["entities"] if not e.get("contact") for g in e["gaps"]]
    check("the custodian's gaps in a date range equal `pstscope gaps --custodian --from --to`",
          shown == expected and len(expected) > 0, f"page {shown} cli {expected}")

    first = driver.find_element(By.CSS_SELECTOR, "#gaps tr.gap .start a")
    gap_start = first.text
    first.click()
    wait(driver).until(lambda d: d.find_elements(By.ID, "evidence"))
    gap = next(g for e in ranged["entities"] if not e.get("contact") for g in e["gaps"] if g["start"] == gap_start)
    check("a gap's page shows its span", (driver.find_element(By.ID, "gap-start").text,
                                          driver.find_element(By.ID, "gap-end").text) == (gap["start"], gap["end"]))
    check("a gap's page shows its evidence",
          driver.find_element(By.ID, "coverage").text == gap["evidence"]["coverage"]
          and int(driver.find_element(By.ID, "missing-replied-to").text) == gap["evidence"]["missing_replied_to"]
          and driver.find_element(By.ID, "recommendation").text == gap["recommendation"],
          driver.find_element(By.ID, "evidence").text)


def folded_words(text):
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.findall(r"\w+", text)


def message_search(driver):
    """A subject word searched for; the count equals one worked out from the store's rows."""
    db = sqlite3.connect(f"file:{STORE}?mode=ro", uri=True)
    words = {}
    for (subject,) in db.execute("SELECT subject FROM messages WHERE subject IS NOT NULL"):
        for word in set(folded_words(subject)):
            if len(word) >= 5 and word.isalpha():
                words[word] = words.get(word, 0) + 1
    word = sorted(words, key=lambda w: (-words[w], w))[len(words) // 3]
    recipients = {}
    for message_id, name, email in db.execute("SELECT message_id, name, email FROM recipients"):
        recipients.setdefault(message_id, []).append(f"{name or ''} {email or ''}")
    count = 0
    for message_id, subject, sender_name, sender_email in db.execute(
            "SELECT id, subject, sender_name, sender_email FROM messages"):
        text = " ".join([subject or "", sender_name or "", sender_email or ""] + recipients.get(message_id, []))
        if any(token.startswith(word) for token in folded_words(text)):
            count += 1
    db.close()
    driver.get(BASE + "/messages")
    box = driver.find_element(By.ID, "message-search")
    box.send_keys(word)
    box.submit()
    wait(driver).until(lambda d: d.find_elements(By.ID, "message-count"))
    shown = int(driver.find_element(By.ID, "message-count").text)
    check(f"searching messages for \"{word}\" counts what SQL counts", shown == count and count > 0,
          f"page {shown}, SQL {count}")
    rows = driver.find_elements(By.CSS_SELECTOR, "#message-results tbody tr")
    check("each result names the files and folders it was seen in",
          rows and all(row.find_elements(By.CSS_SELECTOR, "ul.provenance li") for row in rows))


def live_panel(driver):
    """An import in another process: the overview's email count and its live panel change
    without a reload, within 5 s."""
    driver.get(BASE + "/")
    wait(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")
    driver.execute_script("window.notReloaded = true;")
    before = driver.find_element(By.CSS_SELECTOR, "[data-kpi=emails]").text
    importer = subprocess.Popen([PSTSCOPE, "import", EXTRA, "--store", STORE, "--custodian", "live-import", "--quiet"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    started = time.monotonic()
    panel_at = count_at = None
    while time.monotonic() - started < 5 and (panel_at is None or count_at is None):
        if panel_at is None and driver.find_elements(By.CSS_SELECTOR, "#live-sessions tbody tr"):
            panel_at = time.monotonic() - started
        if count_at is None and driver.find_element(By.CSS_SELECTOR, "[data-kpi=emails]").text != before:
            count_at = time.monotonic() - started
        time.sleep(0.05)
    importer.wait(timeout=300)
    check("the live panel shows the running import within 5 s", panel_at is not None, "no session row appeared")
    check("the email count changes within 5 s", count_at is not None, f"still {before}")
    check("without a reload", driver.execute_script("return window.notReloaded === true;"))
    print(f"  panel after {panel_at if panel_at is None else round(panel_at, 2)} s, "
          f"count after {count_at if count_at is None else round(count_at, 2)} s")


def hostile_pages(driver):
    """Every page, the hostile mailbox's included: no alert, and only the server's own script."""
    db = sqlite3.connect(f"file:{STORE}?mode=ro", uri=True)
    sessions = [row[0] for row in db.execute("SELECT id FROM import_sessions")]
    senders = [row[0] for row in db.execute("""
        SELECT DISTINCT m.sender_email FROM messages m JOIN sightings s ON s.message_id = m.id
        JOIN source_files f ON f.id = s.source_file_id
        WHERE f.custodian = 'hostile' AND m.sender_email IS NOT NULL LIMIT 40""")]
    gaps = [(row[0], row[1]) for row in db.execute("""
        SELECT e.custodian, g.start_day FROM timeline_gaps g JOIN timeline_entities e ON e.id = g.entity_id
        WHERE e.contact_email = '' """)]
    db.close()
    pages = ["/", "/contacts", "/contacts?q=script", "/contacts?q=%3Cscript", "/messages",
             "/messages?q=script", "/messages?q=alert", "/messages?q=numbers", "/messages?q=onerror",
             "/network", "/network?custodian=hostile", "/sessions", "/custodian?custodian=hostile"]
    pages += [f"/session?id={quote(s)}" for s in sessions]
    pages += [f"/contact?email={quote(s)}" for s in senders]
    pages += [f"/gap?custodian={quote(c)}&start={s}" for c, s in gaps]
    own_script = BASE + "/static/app.js"
    bad = []
    for page in pages:
        driver.get(BASE + page)
        wait(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")
        time.sleep(0.05)
        try:
            text = driver.switch_to.alert.text
            driver.switch_to.alert.dismiss()
            bad.append(f"{page}: an alert said {text!r}")
        except NoAlertPresentException:
            pass
        scripts = driver.execute_script(
            "return Array.from(document.scripts).map(s => s.src ? s.src : 'inline:' + s.textContent.slice(0, 40));")
        if scripts != [own_script]:
            bad.append(f"{page}: scripts {scripts}")
        handlers = driver.execute_script(
            "return Array.from(document.querySelectorAll('*')).flatMap(e => Array.from(e.attributes)"
            ".filter(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value)).map(a => e.tagName + ' ' + a.name));")
        if handlers:
            bad.append(f"{page}: handlers {handlers[:3]}")
        frames = driver.find_elements(By.CSS_SELECTOR, "iframe, object, embed, base")
        if frames:
            bad.append(f"{page}: {len(frames)} frames or embeds")
    check(f"{len(pages)} pages with the hostile mailbox run no script but the server's own", not bad, "; ".join(bad[:5]))


def main():
    options = webdriver.ChromeOptions()
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options)
    driver.set_page_load_timeout(30)
    try:
        hostile_pages(driver)
        contact_by_autocomplete(driver)
        custodian_range_and_gap(driver)
        message_search(driver)
        live_panel(driver)
    finally:
        driver.quit()
    if failures:
        sys.exit(1)


main()
