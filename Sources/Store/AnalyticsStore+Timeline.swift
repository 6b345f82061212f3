import Foundation
import GRDB
import MailModel

/// A source file as the timeline sees it: whose mailbox it belongs to.
public struct TimelineFile: Decodable, FetchableRecord, Sendable, Equatable {
    public var id: Int64
    public var path: String
    public var custodian: String
    public var ownerEmail: String?

    enum CodingKeys: String, CodingKey {
        case id, path, custodian, ownerEmail = "owner_email"
    }
}

/// What the analyses need of one stored message.
public struct MessageFacts: Sendable {
    public var id: Int64 = 0
    public var date: Int64?
    public var sentAt: Int64?
    public var sender: String?
    public var senderName: String?
    public var recipients: [String] = []
    /// One per recipient.
    public var recipientKinds: [RecipientKind] = []
    public var recipientNames: [String?] = []
    /// The source files it was seen in.
    public var files: [Int64] = []
    /// List or machine mail, by its headers.
    public var bulk = false
}

/// A reply whose In-Reply-To names a message the store does not hold.
public struct OrphanReply: Decodable, FetchableRecord, Sendable, Equatable {
    public var messageID: Int64
    public var internetMessageID: String?
    public var inReplyTo: String
    public var conversationIndex: Data?
    public var date: Int64?

    enum CodingKeys: String, CodingKey {
        case messageID = "id", internetMessageID = "internet_message_id", inReplyTo = "in_reply_to",
             conversationIndex = "conversation_index", date
    }

    public init(messageID: Int64, internetMessageID: String?, inReplyTo: String, conversationIndex: Data?, date: Int64?) {
        self.messageID = messageID
        self.internetMessageID = internetMessageID
        self.inReplyTo = inReplyTo
        self.conversationIndex = conversationIndex
        self.date = date
    }
}

/// A message a reply's References name as an earlier one of its thread (not its parent), absent
/// from the store: the thread skips it.
public struct SkippedAncestor: Sendable, Equatable {
    /// The reply that names it.
    public var reply: OrphanReply
    /// The absent message's Message-ID, and its place in References (0: the thread's first).
    public var missing: String
    public var position: Int
    /// How many messages References names.
    public var referenceCount: Int
}

extension AnalyticsStore {
    /// Every source file that has mail in the store, with its custodian (the detected or given
    /// one, else the store's display name, else the path).
    public func timelineFiles() throws(StoreError) -> [TimelineFile] {
        try read { db in
            try TimelineFile.fetchAll(db, sql: """
                SELECT id, path, COALESCE(custodian, display_name, path) AS custodian, owner_email
                FROM source_files WHERE EXISTS (SELECT 1 FROM sightings WHERE source_file_id = source_files.id)
                ORDER BY id
                """)
        }
    }

    /// Streams every mail item (emails and meeting messages: not contacts, appointments or
    /// other items, which are not mail traffic) with its recipients and source files, in id
    /// order, in one read transaction: three ordered cursors merged, so memory does not grow
    /// with the store. Columns are read by position, not decoded as records: this runs over
    /// every message and recipient of the store, where Codable decoding measurably costs.
    public func scanMessages(_ body: (MessageFacts) throws -> Void) throws(StoreError) {
        try read { db in
            let messages = try Row.fetchCursor(db, sql: """
                SELECT id, date, sender_email, sent_at, sender_name, bulk FROM messages
                WHERE kind IN ('email', 'meeting') ORDER BY id
                """)
            let recipients = try Row.fetchCursor(db, sql: """
                SELECT message_id, email, kind, name FROM recipients WHERE email IS NOT NULL ORDER BY message_id
                """)
            let sightings = try Row.fetchCursor(db, sql: """
                SELECT DISTINCT message_id, source_file_id FROM sightings ORDER BY message_id
                """)
            typealias RecipientRow = (id: Int64, email: String, kind: RecipientKind, name: String?)
            // The kind is read as text and named here: GRDB's generic path for raw-value types
            // looks up type metadata on every call (5% of a whole analysis, measured with
            // callgrind on 50,000 messages). A kind this version does not know counts as a copy.
            func recipientRow(_ row: Row) -> RecipientRow {
                (row[0], row[1], RecipientKind(rawValue: row[2] as String) ?? .cc, row[3])
            }
            var recipient = try recipients.next().map(recipientRow)
            var sighting = try sightings.next().map { (id: $0[0] as Int64, file: $0[1] as Int64) }
            var facts = MessageFacts()
            while let row = try messages.next() {
                facts.id = row[0]
                facts.date = row[1]
                facts.sender = row[2]
                facts.sentAt = row[3]
                facts.senderName = row[4]
                facts.bulk = row[5]
                facts.recipients.removeAll(keepingCapacity: true)
                facts.recipientKinds.removeAll(keepingCapacity: true)
                facts.recipientNames.removeAll(keepingCapacity: true)
                facts.files.removeAll(keepingCapacity: true)
                while let current = recipient, current.id <= facts.id {
                    if current.id == facts.id {
                        facts.recipients.append(current.email)
                        facts.recipientKinds.append(current.kind)
                        facts.recipientNames.append(current.name)
                    }
                    recipient = try recipients.next().map(recipientRow)
                }
                while let current = sighting, current.id <= facts.id {
                    if current.id == facts.id { facts.files.append(current.file) }
                    sighting = try sightings.next().map { ($0[0], $0[1]) }
                }
                try body(facts)
            }
        }
    }

    /// Replies whose In-Reply-To is absent from the store: evidence of missing mail.
    public func orphanReplies() throws(StoreError) -> [OrphanReply] {
        try read { db in
            try OrphanReply.fetchAll(db, sql: """
                SELECT m.id, m.internet_message_id, m.in_reply_to, m.conversation_index, m.date FROM messages m
                WHERE m.in_reply_to IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM messages p WHERE p.internet_message_id = m.in_reply_to)
                ORDER BY m.id
                """)
        }
    }

    /// Every earlier message of a thread that a reply with a conversation index names in its
    /// References and the store does not hold (the parent itself is `orphanReplies`' business).
    public func skippedAncestors() throws(StoreError) -> [SkippedAncestor] {
        try read { db in
            let replies = try Row.fetchCursor(db, sql: """
                SELECT id, internet_message_id, in_reply_to, "references", conversation_index, date FROM messages
                WHERE "references" IS NOT NULL AND conversation_index IS NOT NULL ORDER BY id
                """)
            let lookup = try db.makeStatement(sql: "SELECT 1 FROM messages WHERE internet_message_id = ? LIMIT 1")
            var held: [String: Bool] = [:]
            var skipped: [SkippedAncestor] = []
            while let row = try replies.next() {
                let parent: String? = row[2]
                let references = (row[3] as String).split(separator: " ").map(String.init)
                for (position, reference) in references.enumerated() where reference != parent {
                    let isHeld = try held[reference] ?? {
                        let found = try Int.fetchOne(lookup, arguments: [reference]) != nil
                        held[reference] = found
                        return found
                    }()
                    guard !isHeld else { continue }
                    skipped.append(SkippedAncestor(
                        reply: OrphanReply(messageID: row[0], internetMessageID: row[1], inReplyTo: reference,
                                           conversationIndex: row[4], date: row[5]),
                        missing: reference, position: position, referenceCount: references.count))
                }
            }
            return skipped
        }
    }

    /// The analysis settings the last recomputation used (empty before the first).
    public func analysisSettings() throws(StoreError) -> [String: String] {
        try read { db in
            Dictionary(uniqueKeysWithValues: try AnalysisSetting.fetchAll(db).map { ($0.key, $0.value) })
        }
    }
}
