import GRDB

/// A row of `x500_addresses`: an Exchange distinguished name and the SMTP address a file gave it.
struct X500Address: Decodable, FetchableRecord, TableRecord {
    static let databaseTableName = "x500_addresses"

    var dn: String
    var smtp: String
}

/// The fields of a `messages` row that its header key is made of.
struct MessageKeyFields: Decodable, FetchableRecord, TableRecord {
    static let databaseTableName = "messages"
    static var databaseSelection: [any SQLSelectable] {
        [CodingKeys.dedupKey, .messageClass, .subject, .senderName, .senderEmail, .sentAt, .receivedAt].map { Column($0) }
    }

    var dedupKey: String
    var messageClass: String?
    var subject: String?
    var senderName: String?
    var senderEmail: String?
    var sentAt: Int64?
    var receivedAt: Int64?

    enum CodingKeys: String, CodingKey {
        case dedupKey = "dedup_key", messageClass = "message_class", subject, senderName = "sender_name",
             senderEmail = "sender_email", sentAt = "sent_at", receivedAt = "received_at"
    }
}

/// A recipient as a `recipients` row names it.
struct RecipientParty: Decodable, FetchableRecord, TableRecord {
    static let databaseTableName = "recipients"
    static var databaseSelection: [any SQLSelectable] { [Column("name"), Column("email")] }

    var name: String?
    var email: String?
}
