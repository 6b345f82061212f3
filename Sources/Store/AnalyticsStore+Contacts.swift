import GRDB
import MailModel

/// A contact's mail in one month: what they sent, and what was sent to them.
public struct ContactMonth: Sendable, Equatable, Codable {
    /// "YYYY-MM", UTC.
    public var month: String
    public var fromContact: Int
    public var toContact: Int
}

/// How long replies took, in buckets: the contact's replies, and the replies they got.
public struct ResponseTimes: Sendable, Equatable, Codable {
    /// The upper bounds of the buckets but the last, in hours.
    public static let bounds: [Double] = [1, 4, 24, 72, 168]
    public static let labels = ["under 1 h", "1-4 h", "4-24 h", "1-3 days", "3-7 days", "over a week"]

    public var byContact: [Int]
    public var toContact: [Int]

    static func bucket(seconds: Int64) -> Int {
        let hours = Double(seconds) / 3600
        return bounds.firstIndex { hours < $0 } ?? bounds.count
    }
}

extension AnalyticsStore {
    /// Every mailbox's profile of `email`, as `pstscope senders` gives them.
    public func senderProfiles(email: String) throws(StoreError) -> [SenderProfileRecord] {
        try read { db in
            try SenderProfileRecord.filter(SenderProfileRecord.Columns.email == email)
                .order(SenderProfileRecord.Columns.custodian).fetchAll(db)
        }
    }

    /// The contact's mail per month, both ways, over every mailbox (each message once). Both
    /// halves read an index: messages by sender, recipients by address.
    public func contactMonths(_ email: String) throws(StoreError) -> [ContactMonth] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT month, SUM(sent), SUM(received) FROM (
                    SELECT strftime('%Y-%m', date, 'unixepoch') AS month, 1 AS sent, 0 AS received
                    FROM messages WHERE sender_email = ?1 AND date IS NOT NULL
                    UNION ALL
                    SELECT strftime('%Y-%m', m.date, 'unixepoch'), 0, 1
                    FROM messages m WHERE m.date IS NOT NULL AND m.sender_email IS NOT ?1
                      AND m.id IN (SELECT message_id FROM recipients WHERE email = ?1))
                GROUP BY month ORDER BY month
                """, arguments: [email]).map { ContactMonth(month: $0[0], fromContact: $0[1], toContact: $0[2]) }
        }
    }

    /// How quickly the contact answered, and was answered, by the replies matched to what they answer.
    public func responseTimes(_ email: String) throws(StoreError) -> ResponseTimes {
        try read { db in
            var times = ResponseTimes(byContact: Array(repeating: 0, count: ResponseTimes.labels.count),
                                      toContact: Array(repeating: 0, count: ResponseTimes.labels.count))
            let rows = try Row.fetchCursor(db, sql: """
                SELECT rp.delay_seconds, 1 FROM messages r JOIN reply_pairs rp ON rp.reply_id = r.id
                JOIN messages p ON p.id = rp.parent_id WHERE r.sender_email = ?1 AND p.sender_email IS NOT ?1
                UNION ALL
                SELECT rp.delay_seconds, 0 FROM messages p JOIN reply_pairs rp ON rp.parent_id = p.id
                JOIN messages r ON r.id = rp.reply_id WHERE p.sender_email = ?1 AND r.sender_email IS NOT ?1
                """, arguments: [email])
            while let row = try rows.next() {
                let bucket = ResponseTimes.bucket(seconds: row[0])
                if row[1] as Bool { times.byContact[bucket] += 1 } else { times.toContact[bucket] += 1 }
            }
            return times
        }
    }

    /// The contact's heaviest links in the network, heaviest first.
    public func strongestLinks(_ email: String, limit: Int = 10) throws(StoreError) -> [NetworkEdgeRecord] {
        try read { db in
            try NetworkEdgeRecord.fetchAll(db, sql: """
                SELECT * FROM network_edges WHERE source = ?1
                UNION ALL SELECT * FROM network_edges WHERE target = ?1
                ORDER BY weight DESC, source, target LIMIT ?2
                """, arguments: [email, limit])
        }
    }

    /// Who belongs to a mailbox's part of the network: everyone profiled in it, and its owner.
    public func networkMembers(custodian: String) throws(StoreError) -> Set<String> {
        try read { db in
            Set(try String.fetchAll(db, sql: """
                SELECT email FROM sender_profiles WHERE custodian = ?1
                UNION SELECT owner_email FROM source_files
                WHERE COALESCE(custodian, display_name, path) = ?1 AND owner_email IS NOT NULL
                """, arguments: [custodian]))
        }
    }
}
