import GRDB

/// A message without a Message-ID is known by a hash of its headers, sender and recipients
/// included. When a file names the sender only by an Exchange DN that its X.500 map resolves
/// later (or another file's map does), that hash was taken over the DN, while the same message
/// in another file hashed the SMTP address. Once the session has resolved the DNs, such
/// messages get the key their resolved addresses give, and two rows that turn out to be one
/// message become one, with every sighting kept.
extension AnalyticsStore {
    /// Messages keyed by headers that name `dn` (as sender or recipient), before it is rewritten.
    static func headerKeyedMessages(naming dn: String, _ db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT id FROM messages WHERE sender_email = ?1 AND substr(dedup_key, 1, 4) = 'hdr:'
            UNION SELECT r.message_id FROM recipients r JOIN messages m ON m.id = r.message_id
            WHERE r.email = ?1 AND substr(m.dedup_key, 1, 4) = 'hdr:'
            """, arguments: [dn])
    }

    /// Gives each message the header key of its stored (now resolved) fields, merging it with
    /// the message that already has that key.
    static func rekey(_ ids: [Int64], _ db: Database) throws {
        for id in Set(ids).sorted() {
            guard let message = try MessageKeyFields.fetchOne(db, key: id) else { continue }
            let recipients = try RecipientParty.filter(Column("message_id") == id).order(Column("position")).fetchAll(db)
            let key = HeaderKey.of(
                messageClass: message.messageClass,
                sender: HeaderKey.Party(email: message.senderEmail, name: message.senderName),
                recipients: recipients.map { HeaderKey.Party(email: $0.email, name: $0.name) },
                seconds: message.sentAt ?? message.receivedAt, subject: message.subject)
            guard key != message.dedupKey else { continue }
            if let other = try Int64.fetchOne(db, sql: "SELECT id FROM messages WHERE dedup_key = ?", arguments: [key]) {
                // The message seen first stays; the other's sightings become its duplicates.
                let keeper = min(id, other)
                try merge(max(id, other), into: keeper, db)
                guard keeper == id else { continue }
            }
            try db.execute(sql: "UPDATE messages SET dedup_key = ? WHERE id = ?", arguments: [key, id])
        }
    }

    private static func merge(_ duplicate: Int64, into keeper: Int64, _ db: Database) throws {
        try db.execute(sql: "UPDATE sightings SET message_id = ?, is_new = 0 WHERE message_id = ?",
                       arguments: [keeper, duplicate])
        try db.execute(sql: "DELETE FROM reply_pairs WHERE reply_id = ?1 OR parent_id = ?1", arguments: [duplicate])
        try db.execute(sql: "DELETE FROM recipients WHERE message_id = ?", arguments: [duplicate])
        try db.execute(sql: "DELETE FROM messages WHERE id = ?", arguments: [duplicate])
    }
}
