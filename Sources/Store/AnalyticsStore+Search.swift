import GRDB
import MailModel

/// What to look for among the messages: words of the subject, sender and recipients, narrowed
/// by mailbox, contact, days (UTC, inclusive) and folder.
public struct MessageSearch: Sendable, Equatable {
    public var words: SearchWords
    public var custodian: String?
    /// A lower-cased address: messages it sent or received.
    public var contact: String?
    public var from: Day?
    public var to: Day?
    /// Part of a folder's path, e.g. "Inbox".
    public var folder: String?
    public var limit: Int
    public var offset: Int

    public init(words: SearchWords, custodian: String? = nil, contact: String? = nil, from: Day? = nil, to: Day? = nil,
                folder: String? = nil, limit: Int = 50, offset: Int = 0) {
        self.words = words
        self.custodian = custodian
        self.contact = contact
        self.from = from
        self.to = to
        self.folder = folder
        self.limit = limit
        self.offset = offset
    }
}

/// The words of a search as FTS5 reads them: each word of letters and digits, matched as the
/// start of a word, all of them required. What a user types is never handed to FTS5's query
/// syntax (quotes, NEAR, column filters), so no input is a syntax error.
public struct SearchWords: Sendable, Equatable {
    public let words: [String]

    /// nil when `text` has no letter or digit.
    public init?(_ text: String) {
        let words = text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        guard !words.isEmpty else { return nil }
        self.words = Array(words.prefix(16))
    }

    var ftsQuery: String { words.map { "\"\($0)\"*" }.joined(separator: " ") }
}

/// A message found, with every file and folder it was seen in.
public struct MessageHit: Sendable, Equatable, Codable {
    public var id: Int64
    public var date: Int64?
    public var subject: String?
    public var senderName: String?
    public var senderEmail: String?
    public var recipients: [String]
    public var seenIn: [Provenance]

    public struct Provenance: Sendable, Equatable, Codable {
        public var custodian: String
        public var file: String
        public var folder: String
    }
}

public struct MessageSearchResult: Sendable, Equatable {
    /// Every match, not only this page's.
    public var total: Int
    public var hits: [MessageHit]
}

/// A contact a search found: the address, the names it was seen with, and its mail.
public struct ContactMatch: Sendable, Equatable, Codable, FetchableRecord {
    public var email: String
    public var names: String
}

enum SearchIndex {
    /// Stored messages are indexed once this many wait, and at each file's end. Each indexing
    /// adds one segment to FTS5's index, which merges them as they pile up: a step per 2,000-message
    /// batch made 500 segments for a million messages, and indexing them took 13.0 s instead
    /// of 10.1 s in steps of 50,000.
    static let step: Int64 = 50_000

    /// Indexes the stored messages if `step` or more wait (ids only: one look-up at each end).
    static func indexIfBehind(_ db: Database) throws {
        let newest = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM messages") ?? 0
        let indexed = try Int64.fetchOne(db, sql: "SELECT MAX(rowid) FROM message_search") ?? 0
        if newest - indexed >= step { try indexNewMessages(db) }
    }

    /// Indexes the messages stored since the last call (their ids are above every indexed one:
    /// SQLite gives a new row the highest id plus one), with their recipients.
    static func indexNewMessages(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO message_search (rowid, subject, sender, recipients)
            SELECT m.id, COALESCE(m.subject, ''),
                   TRIM(COALESCE(m.sender_name, '') || ' ' || COALESCE(m.sender_email, '')),
                   COALESCE((SELECT GROUP_CONCAT(TRIM(COALESCE(r.name, '') || ' ' || COALESCE(r.email, '')), ' ')
                             FROM recipients r WHERE r.message_id = m.id), '')
            FROM messages m WHERE m.id > COALESCE((SELECT MAX(rowid) FROM message_search), 0)
            """)
        try db.execute(sql: """
            INSERT INTO message_dates (id, date)
            SELECT id, date FROM messages WHERE id > COALESCE((SELECT MAX(id) FROM message_dates), 0)
            """)
    }
}

extension AnalyticsStore {
    /// Messages whose subject, sender or recipients hold every word, newest first. The matches
    /// are read once, as ids and dates (the count is theirs), and only the page's rows in full.
    public func searchMessages(_ search: MessageSearch) throws(StoreError) -> MessageSearchResult {
        try read { db in
            var conditions = ["message_search MATCH ?"]
            var arguments: [DatabaseValueConvertible?] = [search.words.ftsQuery]
            if let custodian = search.custodian {
                // The mailbox's files by id: one index look-up per match instead of a join.
                let files = try Int64.fetchAll(db, sql: """
                    SELECT id FROM source_files WHERE COALESCE(custodian, display_name, path) = ?
                    """, arguments: [custodian])
                guard !files.isEmpty else { return MessageSearchResult(total: 0, hits: []) }
                conditions.append("""
                    EXISTS (SELECT 1 FROM sightings s WHERE s.message_id = d.id
                            AND s.source_file_id IN (\(files.map(String.init).joined(separator: ","))))
                    """)
            }
            if let contact = search.contact {
                conditions.append("""
                    ((SELECT sender_email FROM messages WHERE id = d.id) = ?
                     OR EXISTS (SELECT 1 FROM recipients r WHERE r.message_id = d.id AND r.email = ?))
                    """)
                arguments += [contact, contact]
            }
            if let from = search.from {
                conditions.append("d.date >= ?")
                arguments.append(from.start)
            }
            if let to = search.to {
                conditions.append("d.date < ?")
                arguments.append(to.advanced(by: 1).start)
            }
            if let folder = search.folder {
                conditions.append("""
                    EXISTS (SELECT 1 FROM sightings s JOIN folders f ON f.id = s.folder_id
                            WHERE s.message_id = d.id AND instr(lower(f.path), lower(?)) > 0)
                    """)
                arguments.append(folder)
            }
            var matches: [(id: Int64, date: Int64?)] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT d.id, d.date FROM message_search JOIN message_dates d ON d.id = message_search.rowid
                WHERE \(conditions.joined(separator: " AND "))
                """, arguments: StatementArguments(arguments))
            while let row = try rows.next() { matches.append((row[0], row[1])) }
            // Newest first, undated last, then the later message first.
            matches.sort { a, b in
                switch (a.date, b.date) {
                case let (x?, y?) where x != y: x > y
                case (_?, nil): true
                case (nil, _?): false
                default: a.id > b.id
                }
            }
            let page = matches.dropFirst(search.offset).prefix(search.limit)
            return MessageSearchResult(total: matches.count, hits: try page.map { match in
                let row = try Row.fetchOne(db, sql: "SELECT date, subject, sender_name, sender_email FROM messages WHERE id = ?",
                                           arguments: [match.id])
                return MessageHit(
                    id: match.id, date: row?[0], subject: row?[1], senderName: row?[2], senderEmail: row?[3],
                    recipients: try String.fetchAll(db, sql: """
                        SELECT COALESCE(email, name, '') FROM recipients WHERE message_id = ? ORDER BY position
                        """, arguments: [match.id]),
                    seenIn: try Self.provenance(of: match.id, db))
            })
        }
    }

    private static func provenance(of message: Int64, _ db: Database) throws -> [MessageHit.Provenance] {
        try Row.fetchAll(db, sql: """
            SELECT DISTINCT COALESCE(f.custodian, f.display_name, f.path), f.path, d.path
            FROM sightings s JOIN source_files f ON f.id = s.source_file_id JOIN folders d ON d.id = s.folder_id
            WHERE s.message_id = ? ORDER BY f.path, d.path
            """, arguments: [message]).map { MessageHit.Provenance(custodian: $0[0], file: $0[1], folder: $0[2]) }
    }

    /// Contacts whose names or address begin with `text` (three characters or more), then those
    /// that hold it, then those that share most of its three-letter runs (a typo or two).
    public func searchContacts(_ text: String, limit: Int = 10) throws(StoreError) -> [ContactMatch] {
        // Quotes and control characters (a NUL ends FTS5's string) are not part of any name.
        let needle = String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter {
            $0 != "\"" && $0.properties.generalCategory != .control
        }))
        guard needle.count >= 3 else { return [] }
        let characters = Array(needle)
        let trigrams = Set((0...(characters.count - 3)).map { String(characters[$0..<$0 + 3]) })
        let anyTrigram = trigrams.sorted().map { "\"\($0)\"" }.joined(separator: " OR ")
        return try read { db in
            try ContactMatch.fetchAll(db, sql: """
                SELECT email, names FROM (
                    SELECT email, names, CASE WHEN substr(email, 1, length(?4)) = ?4
                                                OR instr(' ' || lower(names), ' ' || ?4) > 0 THEN 0 ELSE 1 END AS tier,
                           bm25(contact_search) AS score
                    FROM contact_search WHERE contact_search MATCH ?1
                    UNION ALL
                    SELECT email, names, 2, bm25(contact_search) FROM contact_search WHERE contact_search MATCH ?2)
                GROUP BY email ORDER BY MIN(tier), MIN(score), email LIMIT ?3
                """, arguments: ["\"\(needle)\"", anyTrigram, limit, needle])
        }
    }
}
