"""What a run left in its store, read with SQLite itself rather than through pstscope."""

import os
import sqlite3

WORKER_ERROR_KINDS = ("worker_crashed", "worker_timeout", "worker_failed")


def connect(store):
    # Read-only: checking a store must not change it (nor create one that is missing).
    return sqlite3.connect(f"file:{store}?mode=ro", uri=True)


def integrity(store):
    """'ok', SQLite's complaint, or None when the run left no store."""
    if not os.path.exists(store):
        return None
    try:
        with connect(store) as db:
            rows = [row[0] for row in db.execute("PRAGMA integrity_check")]
    except sqlite3.Error as error:
        return f"cannot check: {error}"
    return "ok" if rows == ["ok"] else "; ".join(rows[:5])


def file_statuses(store):
    """path -> status of every file of every session in the store."""
    with connect(store) as db:
        return dict(db.execute("SELECT path, status FROM session_files"))


def error_kinds(store):
    """How many errors of each kind the store recorded (files and items)."""
    with connect(store) as db:
        return dict(db.execute("SELECT kind, COUNT(*) FROM import_errors GROUP BY kind"))


def worker_errors(store):
    """(path, kind, message) of each file whose worker crashed, hung or broke its stream."""
    marks = ",".join("?" for _ in WORKER_ERROR_KINDS)
    with connect(store) as db:
        return list(db.execute(
            f"SELECT path, kind, message FROM import_errors WHERE is_item = 0 AND kind IN ({marks})",
            WORKER_ERROR_KINDS))


def file_mail(store, path):
    """(status, the dedup keys of every item read from `path`) in the store's last session that
    named it. A file skipped as a copy of another input shares that input's source file, so its
    items are the ones read from the copy."""
    with connect(store) as db:
        row = db.execute(
            """SELECT sf.session_id, sf.source_file_id, sf.status FROM session_files sf
               JOIN import_sessions s ON s.id = sf.session_id
               WHERE sf.path = ? ORDER BY s.start_time DESC LIMIT 1""", (path,)).fetchone()
        if row is None:
            return None, set()
        session, source_file, status = row
        keys = {key for (key,) in db.execute(
            """SELECT m.dedup_key FROM sightings s JOIN messages m ON m.id = s.message_id
               WHERE s.session_id = ? AND s.source_file_id = ?""", (session, source_file))}
        return status, keys


def twin_of(store, path):
    """The input a skipped file was taken to be a copy of, from its recorded cause."""
    with connect(store) as db:
        row = db.execute("SELECT error FROM session_files WHERE path = ? AND status = 'skipped'", (path,)).fetchone()
    prefix = "same content as "
    return row[0][len(prefix):] if row and row[0] and row[0].startswith(prefix) else None
