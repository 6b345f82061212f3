import Foundation
import GRDB

/// A reply and the stored message it answers.
public struct ReplyLink: Sendable, Equatable {
    public var replyID: Int64
    public var parentID: Int64
    /// in_reply_to, references or conversation_index.
    public var matchedBy: String
    public var replySentAt: Int64?
    public var parentSentAt: Int64?
}

extension AnalyticsStore {
    /// Matches every mail reply to the stored message it answers: by In-Reply-To; else by the
    /// last of its References; else by its conversation index less one response level (the
    /// parent's index). Each lookup uses an index.
    public func replyLinks() throws(StoreError) -> [ReplyLink] {
        try read { db in
            var links: [ReplyLink] = []
            let direct = try Row.fetchCursor(db, sql: """
                SELECT r.id, p.id, r.sent_at, p.sent_at FROM messages r
                JOIN messages p ON p.internet_message_id = r.in_reply_to
                WHERE r.in_reply_to IS NOT NULL AND p.id != r.id AND r.kind IN ('email', 'meeting')
                """)
            while let row = try direct.next() {
                links.append(ReplyLink(replyID: row[0], parentID: row[1], matchedBy: "in_reply_to",
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
                var how = "references"
                if let references: String = row[2], let last = references.split(separator: " ").last {
                    parent = try Row.fetchOne(byMessageID, arguments: [String(last)])
                }
                if parent == nil, let index: Data = row[3], index.count > 22, (index.count - 22) % 5 == 0 {
                    parent = try Row.fetchOne(byIndex, arguments: [index.prefix(index.count - 5)])
                    how = "conversation_index"
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
public struct StoredReplyPair: Sendable, Equatable {
    public var parentMessageID: String?
    public var replyMessageID: String?
    public var matchedBy: String
    public var delaySeconds: Int64
    public var businessSeconds: Int64
}

extension AnalyticsStore {
    /// Every stored reply pair, with the two messages' internet Message-IDs.
    public func replyPairs() throws(StoreError) -> [StoredReplyPair] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.internet_message_id, r.internet_message_id, rp.matched_by, rp.delay_seconds, rp.business_seconds
                FROM reply_pairs rp JOIN messages p ON p.id = rp.parent_id JOIN messages r ON r.id = rp.reply_id
                """).map { StoredReplyPair(parentMessageID: $0[0], replyMessageID: $0[1], matchedBy: $0[2],
                                           delaySeconds: $0[3], businessSeconds: $0[4]) }
        }
    }
}

extension AnalyticsStore {
    /// For each display name that some message's sender carries without any address: the
    /// addresses that name is given elsewhere in the store, with how often.
    public func addressesOfUnaddressedNames() throws(StoreError) -> [String: [String: Int]] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                WITH bare AS (SELECT DISTINCT sender_name AS name FROM messages
                              WHERE sender_email IS NULL AND sender_name IS NOT NULL AND sender_name != '')
                SELECT sender_name, sender_email, COUNT(*) FROM messages
                WHERE sender_email IS NOT NULL AND sender_name IN (SELECT name FROM bare) GROUP BY 1, 2
                UNION ALL
                SELECT name, email, COUNT(*) FROM recipients
                WHERE email IS NOT NULL AND name IN (SELECT name FROM bare) GROUP BY 1, 2
                """)
            var result: [String: [String: Int]] = [:]
            for row in rows {
                result[row[0] as String, default: [:]][row[1] as String, default: 0] += row[2] as Int
            }
            return result
        }
    }
}
