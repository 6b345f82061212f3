import Foundation
import GRDB
import MailModel
import Testing
import TestSupport
@testable import Store

/// The store's write path: deduplication, provenance, resume safety, contacts, X.500 merging.
struct BatchWriteTests {
    let scratch = Scratch()

    func message(_ item: UInt32, key: String, sender: String? = "jane@example.com", to: [String] = ["bob@example.com"],
                 kind: ItemKind = .email, folder: UInt32 = 1) -> IncomingMessage {
        IncomingMessage(
            itemID: item, folderID: folder, dedupKey: key, kind: kind, messageClass: "IPM.Note",
            internetMessageID: nil, inReplyTo: nil, references: [], conversationIndex: nil, subject: "s",
            senderName: "Jane", senderEmail: sender, sentAt: 1_700_000_000, receivedAt: nil, size: 10,
            attachmentCount: 0, recipients: to.map { IncomingRecipient(kind: .to, name: nil, email: $0) })
    }

    func facts(_ name: String) -> SourceFileFacts {
        SourceFileFacts(fingerprint: name, path: "/data/\(name).pst", size: 1, format: "Unicode 64-bit",
                        contentType: "pst", encryption: "none", displayName: nil)
    }

    /// A session with one file begun; returns (store, session, source file id).
    func begin(_ store: AnalyticsStore, file: String = "a") throws -> (String, Int64) {
        let session = try store.startSession(command: "test", custodian: nil, jobs: 1)
        try store.addFiles(["/data/\(file).pst"], to: session)
        guard case .read(let id, _) = try store.beginFile("/data/\(file).pst", facts: facts(file), session: session) else {
            Issue.record("file not read")
            return (session, -1)
        }
        return (session, id)
    }

    func count(_ sql: String, _ store: AnalyticsStore) throws -> Int {
        try store.pool.read { try Int.fetchOne($0, sql: sql) ?? 0 }
    }

    @Test func duplicatesWithinAFileKeepTheirProvenance() throws {
        let store = try AnalyticsStore(path: scratch.path("s.sqlite"))
        let (session, file) = try begin(store)
        let outcome = try store.write(Batch(
            sessionID: session, path: "/data/a.pst", sourceFileID: file,
            folders: [IncomingFolder(nodeID: 1, path: "Inbox", itemCount: 2, isSentItems: false),
                      IncomingFolder(nodeID: 2, path: "Archive", itemCount: 1, isSentItems: false),
                      IncomingFolder(nodeID: 3, path: "Archive", itemCount: 0, isSentItems: false)],
            messages: [message(1, key: "mid:<1>"), message(2, key: "mid:<2>"),
                       message(3, key: "mid:<1>", folder: 2)]))
        #expect(outcome == BatchOutcome(new: 2, duplicates: 1, alreadyRecorded: 0, emails: 3, newEmails: 2))
        #expect(try count("SELECT COUNT(*) FROM messages", store) == 2)
        // Two sibling folders with one name stay two folders.
        #expect(try count("SELECT COUNT(*) FROM folders WHERE path = 'Archive'", store) == 2)
        // The duplicate is a sighting of the first message, in the folder it was found in.
        #expect(try count("""
            SELECT COUNT(*) FROM sightings s JOIN folders f ON f.id = s.folder_id
            WHERE s.is_new = 0 AND f.path = 'Archive' AND s.message_id = (SELECT id FROM messages WHERE dedup_key = 'mid:<1>')
            """, store) == 1)
    }

    @Test func itemsAlreadyRecordedInTheSessionAreSkipped() throws {
        let store = try AnalyticsStore(path: scratch.path("s.sqlite"))
        let (session, file) = try begin(store)
        let batch = Batch(sessionID: session, path: "/data/a.pst", sourceFileID: file,
                          messages: [message(1, key: "mid:<1>"), message(2, key: "mid:<2>")])
        try store.write(batch)
        let again = try store.write(batch)
        #expect(again.alreadyRecorded == 2 && again.new == 0 && again.duplicates == 0)
        #expect(try count("SELECT COUNT(*) FROM sightings", store) == 2)
    }

    @Test func contactsAreCreatedOncePerAddressAndCountedForTheirSession() throws {
        let store = try AnalyticsStore(path: scratch.path("s.sqlite"))
        let (first, fileA) = try begin(store, file: "a")
        try store.write(Batch(sessionID: first, path: "/data/a.pst", sourceFileID: fileA,
                              messages: [message(1, key: "k1"), message(2, key: "k2", to: ["carol@example.com"])]))
        let (second, fileB) = try begin(store, file: "b")
        try store.write(Batch(sessionID: second, path: "/data/b.pst", sourceFileID: fileB,
                              messages: [message(1, key: "k3", to: ["bob@example.com", "dave@example.com"])]))
        #expect(try store.sessionRecord(first).contactsCreated == 3)   // jane, bob, carol
        #expect(try store.sessionRecord(second).contactsCreated == 1)  // dave
        #expect(try count("SELECT COUNT(*) FROM contact_aliases WHERE kind = 'name' AND value = 'Jane'", store) == 1)
    }

    @Test func exchangeNamesMergeIntoTheirSMTPContactAtTheEndOfTheSession() throws {
        let store = try AnalyticsStore(path: scratch.path("s.sqlite"))
        let (session, file) = try begin(store)
        let dn = "/o=org/ou=first administrative group/cn=recipients/cn=jdoe"
        try store.write(Batch(sessionID: session, path: "/data/a.pst", sourceFileID: file,
                              messages: [message(1, key: "k1", sender: dn, to: ["jdoe@example.com"]),
                                         message(2, key: "k2", sender: "/o=org/cn=ghost", to: [dn])]))
        try store.finishFile("/data/a.pst", session: session, sourceFileID: file, status: .imported, error: nil,
                             custodian: "x", owner: nil, x500: [dn.uppercased(): "JDoe@Example.com"], readMilliseconds: 1)
        try store.finishSession(session)
        #expect(try count("SELECT COUNT(*) FROM messages WHERE sender_email = 'jdoe@example.com'", store) == 1)
        #expect(try count("SELECT COUNT(*) FROM recipients WHERE email LIKE '/o=org/ou=%'", store) == 0)
        #expect(try count("SELECT COUNT(*) FROM contacts WHERE email = 'jdoe@example.com'", store) == 1)
        #expect(try count("SELECT COUNT(*) FROM contact_aliases WHERE kind = 'address' AND value = '\(dn)'", store) == 1)
        // A DN nothing resolves stays a contact of its own rather than being lost.
        #expect(try count("SELECT COUNT(*) FROM contacts WHERE email = '/o=org/cn=ghost'", store) == 1)
        #expect(try store.sessionRecord(session).contactsCreated == 2)
    }

    /// With `--jobs 2`, file B's map may be written before or after file A's messages: the
    /// result must be the same, so resolution waits for the end of the session.
    @Test(arguments: [true, false])
    func resolutionDoesNotDependOnFileOrder(mapFirst: Bool) throws {
        let store = try AnalyticsStore(path: scratch.path("s.sqlite"))
        let session = try store.startSession(command: "test", custodian: nil, jobs: 2)
        try store.addFiles(["/data/a.pst", "/data/b.pst"], to: session)
        guard case .read(let a, _) = try store.beginFile("/data/a.pst", facts: facts("a"), session: session),
              case .read(let b, _) = try store.beginFile("/data/b.pst", facts: facts("b"), session: session)
        else { Issue.record("files not read"); return }
        let dn = "/o=org/cn=recipients/cn=ann"
        let writeA = {
            try store.write(Batch(sessionID: session, path: "/data/a.pst", sourceFileID: a,
                                  messages: [self.message(1, key: "k1", sender: dn)]))
            try store.finishFile("/data/a.pst", session: session, sourceFileID: a, status: .imported, error: nil,
                                 custodian: "x", owner: nil, x500: [:], readMilliseconds: 1)
        }
        let finishB = {
            try store.finishFile("/data/b.pst", session: session, sourceFileID: b, status: .imported, error: nil,
                                 custodian: "x", owner: nil, x500: [dn: "ann@example.com"], readMilliseconds: 1)
        }
        if mapFirst { try finishB(); try writeA() } else { try writeA(); try finishB() }
        try store.finishSession(session)
        #expect(try count("SELECT COUNT(*) FROM messages WHERE sender_email = 'ann@example.com'", store) == 1)
        #expect(try count("SELECT COUNT(*) FROM contacts WHERE email LIKE '/o=%'", store) == 0)
        #expect(try store.sessionRecord(session).contactsCreated == 2)  // ann, bob
    }

    /// Files read side by side write in any order: the copy in the first file given, at its
    /// lowest node id, is the new one once the session ends; an earlier session's message stays
    /// a duplicate everywhere.
    @Test(arguments: [true, false])
    func theFirstFileGivenHoldsTheNewCopy(laterFileWritesFirst: Bool) throws {
        let store = try AnalyticsStore(path: scratch.path("s.sqlite"))
        let (earlier, old) = try begin(store, file: "old")
        try store.write(Batch(sessionID: earlier, path: "/data/old.pst", sourceFileID: old,
                              messages: [message(1, key: "known")]))
        try store.finishSession(earlier)

        let session = try store.startSession(command: "test", custodian: nil, jobs: 2)
        try store.addFiles(["/data/a.pst", "/data/b.pst"], to: session)
        guard case .read(let a, _) = try store.beginFile("/data/a.pst", facts: facts("a"), session: session),
              case .read(let b, _) = try store.beginFile("/data/b.pst", facts: facts("b"), session: session)
        else { Issue.record("files not read"); return }
        let writeA = {
            _ = try store.write(Batch(sessionID: session, path: "/data/a.pst", sourceFileID: a,
                                      messages: [self.message(7, key: "shared"), self.message(5, key: "shared", folder: 2),
                                                 self.message(8, key: "known")]))
        }
        let writeB = {
            _ = try store.write(Batch(sessionID: session, path: "/data/b.pst", sourceFileID: b,
                                      messages: [self.message(1, key: "shared"), self.message(2, key: "only-b")]))
        }
        if laterFileWritesFirst { try writeB(); try writeA() } else { try writeA(); try writeB() }
        try store.finishSession(session)

        let new = try store.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.dedup_key, s.source_file_id, s.item_id FROM sightings s JOIN messages m ON m.id = s.message_id
                WHERE s.session_id = ? AND s.is_new = 1 ORDER BY m.dedup_key
                """, arguments: [session]).map { "\($0[0] as String) \($0[1] as Int64) \($0[2] as Int64)" }
        }
        #expect(new == ["only-b \(b) 2", "shared \(a) 5"])
        #expect(try count("SELECT first_source_file_id FROM messages WHERE dedup_key = 'shared'", store) == Int(a))
        #expect(try count("SELECT first_source_file_id FROM messages WHERE dedup_key = 'known'", store) == Int(old))
        let files = try store.sessionRecord(session).files.map { "\($0.path) \($0.newEmails) \($0.duplicates)" }
        #expect(files == ["/data/a.pst 1 2", "/data/b.pst 1 1"])
    }

    @Test func aLaterSessionResolvesAnEarlierDNAndKeepsItsCreator() throws {
        let store = try AnalyticsStore(path: scratch.path("s.sqlite"))
        let dn = "/o=org/cn=recipients/cn=cy"
        let (first, a) = try begin(store, file: "a")
        try store.write(Batch(sessionID: first, path: "/data/a.pst", sourceFileID: a,
                              messages: [message(1, key: "k1", sender: dn)]))
        try store.finishSession(first)
        #expect(try count("SELECT COUNT(*) FROM contacts WHERE email = '\(dn)'", store) == 1)
        let (second, b) = try begin(store, file: "b")
        try store.finishFile("/data/b.pst", session: second, sourceFileID: b, status: .imported, error: nil,
                             custodian: "x", owner: nil, x500: [dn: "cy@example.com"], readMilliseconds: 1)
        try store.finishSession(second)
        #expect(try count("SELECT COUNT(*) FROM contacts WHERE email = 'cy@example.com'", store) == 1)
        #expect(try count("SELECT COUNT(*) FROM contacts WHERE email LIKE '/o=%'", store) == 0)
        #expect(try store.sessionRecord(first).contactsCreated == 2)   // cy (as a DN then), bob
        #expect(try store.sessionRecord(second).contactsCreated == 0)
    }

    @Test func aSecondPathWithTheSameContentIsSkipped() throws {
        let store = try AnalyticsStore(path: scratch.path("s.sqlite"))
        let (session, _) = try begin(store, file: "a")
        try store.addFiles(["/copy/a.pst"], to: session)
        #expect(try store.beginFile("/copy/a.pst", facts: facts("a"), session: session) == .sameContent(as: "/data/a.pst"))
        #expect(try store.files(of: session).map(\.status) == [.reading, .skipped])
    }
}

struct StoreOpenTests {
    let scratch = Scratch()

    @Test func createsAWALStoreWithTheSchema() throws {
        let store = try AnalyticsStore(path: scratch.path("s.sqlite"))
        try store.pool.read { (db: Database) throws in
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
            for table in ["import_sessions", "source_files", "session_files", "folders", "messages", "recipients",
                          "sightings", "contacts", "contact_aliases", "import_errors", "batch_metrics"] {
                #expect(try db.tableExists(table), "\(table)")
            }
            #expect(try db.indexes(on: "messages").contains { $0.name == "messages_by_sender" })
        }
        // Opening again migrates nothing and keeps what is there.
        let session = try store.startSession(command: "x", custodian: nil, jobs: 1)
        #expect(try AnalyticsStore(path: scratch.path("s.sqlite")).session(session).status == .running)
    }

    /// A store written before v6 opens with the two unused message indexes gone and every row kept.
    @Test func anOlderStoreLosesOnlyTheUnusedIndexes() throws {
        let path = scratch.path("old.sqlite")
        do {
            let pool = try DatabasePool(path: path)
            try Schema.migrator.migrate(pool, upTo: "v5 run monitoring")
            try pool.write { db in
                try db.execute(sql: """
                    INSERT INTO import_sessions (id, start_time, status, pid, host, command, jobs)
                    VALUES ('s', '2024-01-01T00:00:00Z', 'completed', 1, 'h', 'c', 1);
                    INSERT INTO messages (dedup_key, kind, in_reply_to, date, attachment_count, first_session_id,
                                          first_source_file_id)
                    VALUES ('k', 'email', '<p@x>', 1700000000, 0, 's', 1);
                    """)
                #expect(try db.indexes(on: "messages").contains { $0.name == "messages_by_date" })
            }
        }
        let store = try AnalyticsStore(path: path)
        try store.pool.read { (db: Database) throws in
            let names = try db.indexes(on: "messages").map(\.name)
            #expect(!names.contains("messages_by_date"))
            #expect(!names.contains("messages_by_in_reply_to"))
            #expect(names.contains("messages_by_internet_id") && names.contains("messages_by_sender"))
            #expect(try String.fetchOne(db, sql: "SELECT in_reply_to FROM messages WHERE dedup_key = 'k'") == "<p@x>")
        }
    }

    @Test func refusesAMissingDirectory() {
        #expect(throws: StoreError.directoryMissing(scratch.path("gone"))) {
            try AnalyticsStore(path: scratch.path("gone/s.sqlite"))
        }
    }

    @Test func sessionIDsAreUniqueWithinASecond() throws {
        let store = try AnalyticsStore(path: scratch.path("s.sqlite"))
        let now = Date(timeIntervalSince1970: 1_749_665_203)  // 2025-06-11 18:06:43 UTC
        let a = try store.startSession(command: "x", custodian: nil, jobs: 1, now: now)
        let b = try store.startSession(command: "x", custodian: nil, jobs: 1, now: now)
        #expect(a == "import_20250611_180643")
        #expect(b == "import_20250611_180643_2")
    }

    @Test func aRunningSessionWhoseLockIsFreeBecomesInterrupted() throws {
        let store = try AnalyticsStore(path: scratch.path("s.sqlite"))
        let id = try store.startSession(command: "x", custodian: nil, jobs: 1)
        let other = try store.startSession(command: "y", custodian: nil, jobs: 1)
        try store.markInterruptedSessions()
        #expect(try store.session(id).status == .running, "its lock is held")
        // The session's process ends (the kernel frees its lock), and its pid goes to a live
        // process (this one, say): the lock decides.
        store.sessionLocks.release(id)
        try store.pool.write { try $0.execute(sql: "UPDATE import_sessions SET pid = ?", arguments: [getpid()]) }
        try store.markInterruptedSessions()
        #expect(try store.latestInterruptedSession()?.id == id)
        #expect(try store.session(other).status == .running, "each session has a lock of its own")
    }
}
