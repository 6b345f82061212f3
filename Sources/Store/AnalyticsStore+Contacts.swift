import GRDB
import MailModel

/// A contact's mail in one month: what they sent, and what was sent to them.
public struct ContactMonth: Sendable, Equatable, Codable {
    /// "YYYY-MM", UTC.
    public var month: String
    public var fromContact: Int
    public var toContact: Int

    mutating func count(fromContact: Bool) {
        if fromContact { self.fromContact += 1 } else { toContact += 1 }
    }
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
    /// halves read an index (messages by sender, recipients by address); months are counted here,
    /// not by SQLite's strftime, which cost half the time for a contact with 50,000 messages.
    public func contactMonths(_ email: String) throws(StoreError) -> [ContactMonth] {
        var months: [String: ContactMonth] = [:]
        try read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT date, 1 FROM messages WHERE sender_email = ?1 AND date IS NOT NULL
                UNION ALL
                SELECT m.date, 0 FROM messages m WHERE m.date IS NOT NULL AND m.sender_email IS NOT ?1
                  AND m.id IN (SELECT message_id FROM recipients WHERE email = ?1)
                """, arguments: [email])
            while let row = try rows.next() {
                let civil = Day(containing: row[0]).civil
                let month = "\(civil.year)-\(pad(civil.month, 2))"
                let fromContact: Bool = row[1]
                months[month, default: ContactMonth(month: month, fromContact: 0, toContact: 0)]
                    .count(fromContact: fromContact)
            }
        }
        return months.values.sorted { $0.month < $1.month }
    }

    /// The contact's mail per UTC day from `from` to `to` in the custodian's files: what their gaps
    /// in that mailbox were measured against.
    public func contactDays(_ email: String, custodian: String, from: Day, to: Day) throws(StoreError) -> [String: Int] {
        try read { db in
            var days: [String: Int] = [:]
            let rows = try Int64.fetchCursor(db, sql: """
                SELECT m.date FROM messages m
                WHERE m.date >= ?2 AND m.date < ?3
                  AND (m.sender_email = ?1 OR m.id IN (SELECT message_id FROM recipients WHERE email = ?1))
                  AND EXISTS (SELECT 1 FROM sightings s JOIN source_files f ON f.id = s.source_file_id
                              WHERE s.message_id = m.id AND COALESCE(f.custodian, f.display_name, f.path) = ?4)
                """, arguments: [email, from.start, to.advanced(by: 1).start, custodian])
            while let date = try rows.next() { days[Day(containing: date).description, default: 0] += 1 }
            return days
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
