import Foundation
import GRDB

/// How a reply was matched to the message it answers.
public enum ReplyMatch: String, Codable, Sendable, DatabaseValueConvertible {
    /// Its In-Reply-To is the parent's Message-ID.
    case inReplyTo = "in_reply_to"
    /// The last of its References is.
    case references
    /// Its conversation index less one response level is the parent's.
    case conversationIndex = "conversation_index"
}

/// A reply and the stored message it answers.
public struct ReplyLink: Sendable, Equatable {
    public var replyID: Int64
    public var parentID: Int64
    public var matchedBy: ReplyMatch
    public var replySentAt: Int64?
    public var parentSentAt: Int64?
}

extension AnalyticsStore {
    /// Matches every mail reply to the stored message it answers: by In-Reply-To; else by the
    /// last of its References; else by its conversation index less one response level (the
    /// parent's index). Each lookup uses an index. Rows are read by position, not decoded as
    /// records: a large store has millions of replies.
    public func replyLinks() throws(StoreError) -> [ReplyLink] {
        try read { db in
            var links: [ReplyLink] = []
            let direct = try Row.fetchCursor(db, sql: """
                SELECT r.id, p.id, r.sent_at, p.sent_at FROM messages r
                JOIN messages p ON p.internet_message_id = r.in_reply_to
                WHERE r.in_reply_to IS NOT NULL AND p.id != r.id AND r.kind IN ('email', 'meeting')
                """)
            while let row = try direct.next() {
                links.append(ReplyLink(replyID: row[0], parentID: row[1], matchedBy: .inReplyTo,
                                       replySentAt: row[2], parentSentAt: row[3]))
            }
            let matched = Set(links.map(\.replyID))
            let byMessageID = try db.makeStatement(sql: "SELECT id, sent_at FROM messages WHERE internet_message_id = ?")
            let byIndex = try db.makeStatement(sql: "SELECT id, sent_at FROM messages WHERE conversation_index = ?")
            let unmatched = try Row.fetchCursor(db, sql: """
                SELECT id, sent_at, "references", conversation_index FROM messages
                WHERE kind IN ('email', 'meeting')
                  AND ("references" IS NOT NULL OR length(conversation_index) > 22)
                """)
            while let row = try unmatched.next() {
                let id: Int64 = row[0]
                guard !matched.contains(id) else { continue }
                var parent: Row?
                var how = ReplyMatch.references
                if let references: String = row[2], let last = references.split(separator: " ").last {
                    parent = try Row.fetchOne(byMessageID, arguments: [String(last)])
                }
                if parent == nil, let index: Data = row[3], index.count > 22, (index.count - 22) % 5 == 0 {
                    parent = try Row.fetchOne(byIndex, arguments: [index.prefix(index.count - 5)])
                    how = .conversationIndex
                }
                if let parent, (parent[0] as Int64) != id {
                    links.append(ReplyLink(replyID: id, parentID: parent[0], matchedBy: how,
                                           replySentAt: row[1], parentSentAt: parent[1]))
                }
            }
            return links
        }
    }
}

/// A stored reply pair by Message-IDs.
public struct StoredReplyPair: Decodable, FetchableRecord, Sendable, Equatable {
    public var parentMessageID: String?
    public var replyMessageID: String?
    public var matchedBy: ReplyMatch
    public var delaySeconds: Int64
    public var businessSeconds: Int64

    enum CodingKeys: String, CodingKey {
        case parentMessageID = "parent_message_id", replyMessageID = "reply_message_id", matchedBy = "matched_by",
             delaySeconds = "delay_seconds", businessSeconds = "business_seconds"
    }
}

extension AnalyticsStore {
    /// Every stored reply pair, with the two messages' internet Message-IDs.
    public func replyPairs() throws(StoreError) -> [StoredReplyPair] {
        try read { db in
            try StoredReplyPair.fetchAll(db, sql: """
                SELECT p.internet_message_id AS parent_message_id, r.internet_message_id AS reply_message_id,
                       rp.matched_by, rp.delay_seconds, rp.business_seconds
                FROM reply_pairs rp JOIN messages p ON p.id = rp.parent_id JOIN messages r ON r.id = rp.reply_id
                """)
        }
    }
}

extension AnalyticsStore {
    /// For each display name that some message's sender carries without any address: the
    /// addresses that name is given elsewhere in the store, with how often.
    public func addressesOfUnaddressedNames() throws(StoreError) -> [String: [String: Int]] {
        try read { db in
            let uses = try NameUse.fetchAll(db, sql: """
                WITH bare AS (SELECT DISTINCT sender_name AS name FROM messages
                              WHERE sender_email IS NULL AND sender_name IS NOT NULL AND sender_name != '')
                SELECT sender_name AS name, sender_email AS email, COUNT(*) AS count FROM messages
                WHERE sender_email IS NOT NULL AND sender_name IN (SELECT name FROM bare) GROUP BY 1, 2
                UNION ALL
                SELECT name, email, COUNT(*) FROM recipients
                WHERE email IS NOT NULL AND name IN (SELECT name FROM bare) GROUP BY 1, 2
                """)
            var result: [String: [String: Int]] = [:]
            for use in uses { result[use.name, default: [:]][use.email, default: 0] += use.count }
            return result
        }
    }
}

/// How often a display name goes with an address.
private struct NameUse: Decodable, FetchableRecord {
    var name: String
    var email: String
    var count: Int
}
