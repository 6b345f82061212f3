import GRDB

/// The store's migrations. A migration that has shipped never changes: later versions add
/// new ones. Names are plain SQL, never Swift types.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 import pipeline") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2 timeline gaps") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("v3 senders and network") { db in
            try db.execute(sql: v3)
        }
        migrator.registerMigration("v4 mailbox days") { db in
            try db.execute(sql: v4)
        }
        migrator.registerMigration("v5 run monitoring") { db in
            try db.execute(sql: v5)
        }
        migrator.registerMigration("v6 leaner message indexes") { db in
            try db.execute(sql: v6)
        }
        migrator.registerMigration("v7 file message counts") { db in
            try db.execute(sql: v7)
        }
        migrator.registerMigration("v8 retention") { db in
            try db.execute(sql: v8)
        }
        migrator.registerMigration("v9 time zones") { db in
            try db.execute(sql: v9)
        }
        migrator.registerMigration("v10 search") { db in
            try db.execute(sql: v10)
            try SearchIndex.indexNewMessages(db)
        }
        return migrator
    }

    private static let v1 = """
        CREATE TABLE import_sessions (
            id TEXT PRIMARY KEY,
            start_time TEXT NOT NULL,
            end_time TEXT,
            status TEXT NOT NULL,              -- running | completed | interrupted
            pid INTEGER NOT NULL,
            host TEXT NOT NULL,
            command TEXT NOT NULL,
            custodian TEXT,                    -- --custodian, applied to every file
            jobs INTEGER NOT NULL,
            resumes INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE source_files (
            id INTEGER PRIMARY KEY,
            fingerprint TEXT NOT NULL UNIQUE,  -- sha256 of size, first and last MiB
            path TEXT NOT NULL,                -- where it was last imported from
            size INTEGER NOT NULL,
            format TEXT NOT NULL,
            content_type TEXT NOT NULL,
            encryption TEXT NOT NULL,
            display_name TEXT,
            owner_email TEXT,
            custodian TEXT,
            first_date INTEGER,
            last_date INTEGER
        );

        CREATE TABLE session_files (
            session_id TEXT NOT NULL REFERENCES import_sessions(id),
            position INTEGER NOT NULL,
            path TEXT NOT NULL,
            source_file_id INTEGER REFERENCES source_files(id),
            status TEXT NOT NULL,              -- pending | reading | imported | partial | failed | skipped
            custodian TEXT,
            error TEXT,
            started_at TEXT,
            finished_at TEXT,
            read_ms REAL,
            PRIMARY KEY (session_id, path)
        );

        CREATE TABLE folders (
            id INTEGER PRIMARY KEY,
            source_file_id INTEGER NOT NULL REFERENCES source_files(id),
            node_id INTEGER NOT NULL,          -- the folder's node id within its file
            path TEXT NOT NULL,
            item_count INTEGER NOT NULL,
            is_sent_items INTEGER NOT NULL,
            UNIQUE (source_file_id, node_id)
        );

        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            dedup_key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            message_class TEXT,
            internet_message_id TEXT,
            in_reply_to TEXT,
            "references" TEXT,                 -- space-separated Message-IDs
            conversation_index BLOB,
            subject TEXT,
            sender_name TEXT,
            sender_email TEXT,                 -- canonical: lower-cased SMTP when known
            sent_at INTEGER,                   -- Unix seconds, UTC
            received_at INTEGER,
            date INTEGER,                      -- sent_at, else received_at
            size INTEGER,
            attachment_count INTEGER NOT NULL,
            first_session_id TEXT NOT NULL,
            first_source_file_id INTEGER NOT NULL
        );
        CREATE INDEX messages_by_date ON messages(date);
        CREATE INDEX messages_by_sender ON messages(sender_email, date);
        CREATE INDEX messages_by_internet_id ON messages(internet_message_id);
        CREATE INDEX messages_by_in_reply_to ON messages(in_reply_to);

        CREATE TABLE recipients (
            message_id INTEGER NOT NULL REFERENCES messages(id),
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,                -- to | cc | bcc
            name TEXT,
            email TEXT,
            PRIMARY KEY (message_id, position)
        ) WITHOUT ROWID;
        CREATE INDEX recipients_by_email ON recipients(email);

        -- Every time an item was read: the provenance of originals and duplicates alike.
        CREATE TABLE sightings (
            session_id TEXT NOT NULL REFERENCES import_sessions(id),
            source_file_id INTEGER NOT NULL REFERENCES source_files(id),
            item_id INTEGER NOT NULL,          -- the item's node id within its file
            message_id INTEGER NOT NULL REFERENCES messages(id),
            folder_id INTEGER NOT NULL REFERENCES folders(id),
            kind TEXT NOT NULL,                -- this copy's kind (email, meeting, …)
            is_new INTEGER NOT NULL,           -- 0: a duplicate of an earlier message
            PRIMARY KEY (session_id, source_file_id, item_id)
        ) WITHOUT ROWID;
        CREATE INDEX sightings_by_message ON sightings(message_id);
        CREATE INDEX sightings_by_file ON sightings(source_file_id);

        -- Exchange distinguished names and the SMTP address a file said they have.
        CREATE TABLE x500_addresses (
            dn TEXT PRIMARY KEY,               -- lower-cased
            smtp TEXT NOT NULL                 -- lower-cased
        ) WITHOUT ROWID;

        CREATE TABLE contacts (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE,
            display_name TEXT,
            created_session_id TEXT NOT NULL
        );
        CREATE INDEX contacts_by_session ON contacts(created_session_id);

        CREATE TABLE contact_aliases (
            contact_id INTEGER NOT NULL REFERENCES contacts(id),
            kind TEXT NOT NULL,                -- name | address
            value TEXT NOT NULL,
            PRIMARY KEY (contact_id, kind, value)
        ) WITHOUT ROWID;

        CREATE TABLE import_errors (
            id INTEGER PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES import_sessions(id),
            path TEXT NOT NULL,
            item_id INTEGER,
            item_index INTEGER,
            folder_path TEXT,
            kind TEXT NOT NULL,
            is_item INTEGER NOT NULL,          -- 1: one item failed; 0: the whole file
            message TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX import_errors_by_session ON import_errors(session_id, path);

        CREATE TABLE batch_metrics (
            session_id TEXT NOT NULL REFERENCES import_sessions(id),
            batch INTEGER NOT NULL,
            path TEXT NOT NULL,
            items INTEGER NOT NULL,
            emails INTEGER NOT NULL,
            read_ms REAL NOT NULL,
            write_ms REAL NOT NULL,
            finished_at TEXT NOT NULL,
            PRIMARY KEY (session_id, batch)
        );
        """

    /// Gap analysis results, replaced as a whole by each recomputation.
    private static let v2 = """
        CREATE TABLE analysis_settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;

        -- Runs of days on which a source file has mail (split at silences of over 92 days).
        CREATE TABLE file_coverage (
            source_file_id INTEGER NOT NULL REFERENCES source_files(id),
            start_day TEXT NOT NULL,           -- YYYY-MM-DD, UTC
            end_day TEXT NOT NULL,
            messages INTEGER NOT NULL,
            PRIMARY KEY (source_file_id, start_day)
        ) WITHOUT ROWID;

        -- A mailbox (contact_email '') or one contact within a custodian's mailbox.
        CREATE TABLE timeline_entities (
            id INTEGER PRIMARY KEY,
            custodian TEXT NOT NULL,
            contact_email TEXT NOT NULL,
            first_day TEXT,
            last_day TEXT,
            messages INTEGER NOT NULL,         -- dated messages in the span
            undated INTEGER NOT NULL,
            expected_messages REAL NOT NULL,   -- messages + expected missing
            missing_messages REAL NOT NULL,    -- expected inside gaps that suggest lost mail
            completeness_score REAL NOT NULL,  -- 0-100
            gap_count INTEGER NOT NULL,
            worst_severity TEXT,
            computed_at TEXT NOT NULL,
            computed_session_id TEXT,
            UNIQUE (custodian, contact_email)
        );
        CREATE INDEX timeline_entities_by_contact ON timeline_entities(contact_email);

        CREATE TABLE timeline_gaps (
            id INTEGER PRIMARY KEY,
            entity_id INTEGER NOT NULL REFERENCES timeline_entities(id),
            start_day TEXT NOT NULL,
            end_day TEXT NOT NULL,
            business_days INTEGER NOT NULL,
            expected_messages REAL NOT NULL,
            probability REAL NOT NULL,         -- of the silence under the expected rate
            severity TEXT NOT NULL,            -- minor | moderate | major | critical
            severity_rank INTEGER NOT NULL,    -- 1 minor … 4 critical
            context TEXT NOT NULL,
            evidence TEXT NOT NULL,            -- JSON object
            recommendation TEXT NOT NULL
        );
        CREATE INDEX timeline_gaps_by_entity ON timeline_gaps(entity_id, start_day);
        """

    /// Sender analytics and the communication network, replaced as a whole by each
    /// recomputation; and what the import must keep for them.
    private static let v3 = """
        ALTER TABLE messages ADD COLUMN bulk INTEGER NOT NULL DEFAULT 0;  -- list or machine mail, by its headers
        CREATE INDEX messages_by_conversation_index ON messages(conversation_index);

        -- Addresses judged to be the same person as another (the identity's address).
        CREATE TABLE identity_links (
            address TEXT PRIMARY KEY,
            identity TEXT NOT NULL,
            reason TEXT NOT NULL
        ) WITHOUT ROWID;

        -- Replies matched to what they answer.
        CREATE TABLE reply_pairs (
            reply_id INTEGER PRIMARY KEY REFERENCES messages(id),
            parent_id INTEGER NOT NULL REFERENCES messages(id),
            matched_by TEXT NOT NULL,          -- in_reply_to | references | conversation_index
            delay_seconds INTEGER NOT NULL,
            business_seconds INTEGER NOT NULL
        );

        CREATE TABLE sender_profiles (
            custodian TEXT NOT NULL,
            email TEXT NOT NULL,
            name TEXT,
            classification TEXT NOT NULL,      -- internal | external | automated | one_off
            confidence_score REAL NOT NULL,
            signals TEXT NOT NULL,             -- JSON: why
            sent_to_owner INTEGER NOT NULL,
            received_from_owner INTEGER NOT NULL,
            total_emails INTEGER NOT NULL,
            first_contact TEXT,
            last_contact TEXT,
            active_months INTEGER NOT NULL,
            avg_emails_per_month REAL NOT NULL,
            owner_responses INTEGER NOT NULL,
            owner_response_median_hours REAL,
            owner_response_mean_hours REAL,
            owner_response_business_median_hours REAL,
            contact_responses INTEGER NOT NULL,
            contact_response_median_hours REAL,
            contact_response_mean_hours REAL,
            contact_response_business_median_hours REAL,
            reciprocity REAL NOT NULL,
            recency_days INTEGER,
            volume_slope_per_month REAL,
            communication_increasing INTEGER,
            response_time_slope REAL,          -- of the owner's response times, hours per month
            response_time_improving INTEGER,
            importance_score REAL NOT NULL,
            pagerank REAL,
            betweenness REAL,
            community INTEGER,
            PRIMARY KEY (custodian, email)
        ) WITHOUT ROWID;
        CREATE INDEX sender_profiles_by_importance ON sender_profiles(importance_score DESC);

        CREATE TABLE network_nodes (
            email TEXT PRIMARY KEY,
            name TEXT,
            messages_sent INTEGER NOT NULL,
            messages_received INTEGER NOT NULL,
            pagerank REAL NOT NULL,
            betweenness REAL,                  -- computed on the best-connected nodes only
            community INTEGER NOT NULL,
            is_owner INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE network_edges (
            source TEXT NOT NULL,
            target TEXT NOT NULL,
            weight REAL NOT NULL,              -- to 1, cc 0.5, bcc 0.5 per message
            messages INTEGER NOT NULL,
            strength REAL NOT NULL,            -- weight / the heaviest edge's weight
            PRIMARY KEY (source, target)
        ) WITHOUT ROWID;
        """

    /// Each mailbox's mail per day, kept by the gap analysis for the reports' charts.
    private static let v4 = """
        CREATE TABLE timeline_days (
            custodian TEXT NOT NULL,
            day TEXT NOT NULL,                 -- YYYY-MM-DD, UTC
            messages INTEGER NOT NULL,
            PRIMARY KEY (custodian, day)
        ) WITHOUT ROWID;
        """

    private static let v5 = """
        -- Resources when each batch was written: parent and worker processes together.
        ALTER TABLE batch_metrics ADD COLUMN rss_kb INTEGER;
        ALTER TABLE batch_metrics ADD COLUMN cpu_percent REAL;
        ALTER TABLE batch_metrics ADD COLUMN disk_free_mb INTEGER;
        ALTER TABLE import_sessions ADD COLUMN peak_rss_kb INTEGER;

        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES import_sessions(id),
            at TEXT NOT NULL,
            kind TEXT NOT NULL,                -- low_throughput | error_rate | memory | disk_free | slow_file | anomaly | session_complete
            severity TEXT NOT NULL,            -- info | warning | critical
            path TEXT,                         -- the file it is about, if any
            message TEXT NOT NULL,
            value REAL,
            threshold REAL
        );
        CREATE INDEX alerts_by_session ON alerts(session_id);
        """

    /// Every index on messages is updated for each message stored, and index upkeep is most of
    /// what writing a message costs. No query searches messages by date or by In-Reply-To (the
    /// reply matching reads every message and looks up the parent by its Message-ID).
    private static let v6 = """
        DROP INDEX messages_by_date;
        DROP INDEX messages_by_in_reply_to;
        """

    /// Each file's count of distinct items, kept when its read ends, so that comparing a file
    /// with its custodian's others reads one row per file instead of all their sightings.
    private static let v7 = """
        ALTER TABLE source_files ADD COLUMN messages INTEGER;
        UPDATE source_files SET messages = (SELECT COUNT(DISTINCT item_id) FROM sightings
                                            WHERE source_file_id = source_files.id);
        """

    private static let v8 = """
        -- A file's failed items, counted when retention removes its item errors.
        ALTER TABLE session_files ADD COLUMN items_failed INTEGER;
        """

    /// The writers' UTC offsets, each mailbox owner's time zone as the analysis found it, when in
    /// the owner's week mail comes and goes, and each import's predicted duration.
    private static let v9 = """
        ALTER TABLE messages ADD COLUMN date_offset INTEGER;  -- minutes east of UTC, from the Date: header

        -- What the session was expected to take, predicted before it started (import --plan's figures).
        ALTER TABLE import_sessions ADD COLUMN predicted_seconds REAL;
        ALTER TABLE import_sessions ADD COLUMN predicted_peak_rss_kb INTEGER;
        ALTER TABLE import_sessions ADD COLUMN prediction_basis TEXT;

        -- Replaced as a whole by each recomputation, like the timeline.
        CREATE TABLE mailbox_zones (
            custodian TEXT PRIMARY KEY,
            zone TEXT NOT NULL,                -- IANA name, e.g. America/Los_Angeles
            source TEXT NOT NULL,              -- inferred | override | default
            confidence REAL NOT NULL,          -- 0-1
            evidence TEXT NOT NULL             -- JSON object
        ) WITHOUT ROWID;

        -- Mail by the owner's local weekday and hour, per mailbox (contact_email '') and per contact
        -- with enough mail; replaced with the timeline.
        CREATE TABLE activity (
            custodian TEXT NOT NULL,
            contact_email TEXT NOT NULL,
            messages INTEGER NOT NULL,
            sent TEXT NOT NULL,                -- JSON: 7 rows (Sunday first) of 24 counts, the owner's mail
            received TEXT NOT NULL,            -- the same for the mail the owner got
            peak_weekday INTEGER,              -- 0 Sunday … 6 Saturday
            peak_hour INTEGER,                 -- 0-23
            outside_business_hours REAL NOT NULL,  -- share outside 08:00-18:00 of business days
            PRIMARY KEY (custodian, contact_email)
        ) WITHOUT ROWID;
        """

    /// Full-text indexes for `serve`, and two indexes its contact page reads: messages by subject, sender and recipients (words, with
    /// diacritics folded), contacts by name and address (trigrams: any part of either, and
    /// near-misses). Both store their text (FTS5's default), so a row can be updated or deleted
    /// by its rowid alone. Messages are indexed with their recipients, by the writes that store
    /// them, in steps of `SearchIndex.step` and at each file's end (`SearchIndex`); the triggers
    /// keep what later changes: an Exchange DN resolved at the end of a file, a merged or
    /// forgotten message, a contact's names.
    private static let v10 = """
        CREATE VIRTUAL TABLE message_search USING fts5(
            subject, sender, recipients, tokenize = 'unicode61 remove_diacritics 2');
        -- Each indexed message's date beside its id alone: ordering and filtering a search's matches
        -- by date reads 16 bytes per match instead of the message's whole row (74,568 matches in a
        -- million-message store: 109 ms → 39 ms).
        CREATE TABLE message_dates (id INTEGER PRIMARY KEY, date INTEGER);
        CREATE TRIGGER message_search_delete AFTER DELETE ON messages BEGIN
            DELETE FROM message_search WHERE rowid = old.id;
            DELETE FROM message_dates WHERE id = old.id;
        END;
        CREATE TRIGGER message_search_sender AFTER UPDATE OF subject, sender_name, sender_email ON messages BEGIN
            UPDATE message_search SET subject = COALESCE(new.subject, ''),
                sender = TRIM(COALESCE(new.sender_name, '') || ' ' || COALESCE(new.sender_email, ''))
            WHERE rowid = new.id;
        END;
        CREATE TRIGGER message_search_recipient AFTER UPDATE OF name, email ON recipients BEGIN
            UPDATE message_search SET recipients = (
                SELECT COALESCE(GROUP_CONCAT(TRIM(COALESCE(name, '') || ' ' || COALESCE(email, '')), ' '), '')
                FROM recipients WHERE message_id = new.message_id)
            WHERE rowid = new.message_id;
        END;

        -- A contact's page reads the replies to their mail and their links either way.
        CREATE INDEX reply_pairs_by_parent ON reply_pairs(parent_id);
        CREATE INDEX network_edges_by_target ON network_edges(target);

        CREATE VIRTUAL TABLE contact_search USING fts5(names, email, tokenize = 'trigram');
        INSERT INTO contact_search (rowid, names, email)
            SELECT id, COALESCE(display_name, ''), email FROM contacts;
        UPDATE contact_search SET names = TRIM(names || ' ' || COALESCE((
            SELECT GROUP_CONCAT(value, ' ') FROM contact_aliases
            WHERE contact_id = contact_search.rowid AND kind = 'name' AND value != contact_search.names), ''));
        CREATE TRIGGER contact_search_insert AFTER INSERT ON contacts BEGIN
            INSERT INTO contact_search (rowid, names, email) VALUES (new.id, COALESCE(new.display_name, ''), new.email);
        END;
        CREATE TRIGGER contact_search_update AFTER UPDATE OF email, display_name ON contacts BEGIN
            UPDATE contact_search SET email = new.email, names = TRIM(COALESCE(new.display_name, '') || ' ' || COALESCE((
                SELECT GROUP_CONCAT(value, ' ') FROM contact_aliases
                WHERE contact_id = new.id AND kind = 'name' AND value != COALESCE(new.display_name, '')), ''))
            WHERE rowid = new.id;
        END;
        CREATE TRIGGER contact_search_delete AFTER DELETE ON contacts BEGIN
            DELETE FROM contact_search WHERE rowid = old.id;
        END;
        CREATE TRIGGER contact_search_alias AFTER INSERT ON contact_aliases WHEN new.kind = 'name' BEGIN
            UPDATE contact_search SET names = TRIM(names || ' ' || new.value)
            WHERE rowid = new.contact_id AND names != new.value;
        END;
        CREATE TRIGGER contact_search_alias_delete AFTER DELETE ON contact_aliases WHEN old.kind = 'name' BEGIN
            UPDATE contact_search SET names = (
                SELECT TRIM(COALESCE(c.display_name, '') || ' ' || COALESCE((
                    SELECT GROUP_CONCAT(value, ' ') FROM contact_aliases
                    WHERE contact_id = c.id AND kind = 'name' AND value != COALESCE(c.display_name, '')), ''))
                FROM contacts c WHERE c.id = old.contact_id)
            WHERE rowid = old.contact_id;
        END;
        """
}
