import Foundation
import GRDB
import MailModel

/// When a mailbox (`contact` empty) or one contact within it has mail, in the owner's local
/// time: `sent` is the owner's mail, `received` the mail the owner got.
public struct ActivityRecord: Sendable, Equatable {
    public var custodian: String
    public var contact: String
    public var sent: WeekHours
    public var received: WeekHours
    /// 0 = Sunday … 6 = Saturday, and 0-23: where sent and received mail together peak (the
    /// first of equals); nil without mail.
    public var peakWeekday: Int?
    public var peakHour: Int?
    /// The share of the mail outside 08:00-18:00 of business days, 0-1.
    public var outsideBusinessHours: Double

    public var messages: Int { sent.total + received.total }

    /// The weekday and hour cells with mail, Sunday first: what the CSV and report tables list.
    public var cellsWithMail: [(weekday: Int, hour: Int, sent: Int, received: Int)] {
        (0..<7).flatMap { weekday in
            (0..<24).compactMap { hour in
                let sent = sent[weekday, hour], received = received[weekday, hour]
                return sent + received > 0 ? (weekday, hour, sent, received) : nil
            }
        }
    }

    public init(custodian: String, contact: String, sent: WeekHours, received: WeekHours, peakWeekday: Int?,
                peakHour: Int?, outsideBusinessHours: Double) {
        self.custodian = custodian
        self.contact = contact
        self.sent = sent
        self.received = received
        self.peakWeekday = peakWeekday
        self.peakHour = peakHour
        self.outsideBusinessHours = outsideBusinessHours
    }
}

extension AnalyticsStore {
    static func insertActivity(_ records: [ActivityRecord], _ db: Database) throws {
        try db.execute(sql: "DELETE FROM activity")
        let insert = try db.makeStatement(sql: """
            INSERT INTO activity (custodian, contact_email, messages, sent, received, peak_weekday, peak_hour,
                outside_business_hours) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for record in records {
            try insert.execute(arguments: [
                record.custodian, record.contact, record.messages, try JSONDocument.line(record.sent),
                try JSONDocument.line(record.received), record.peakWeekday, record.peakHour, record.outsideBusinessHours,
            ])
        }
    }

    /// Stored activity, mailboxes first, optionally of one custodian or one contact.
    public func activity(custodian: String? = nil, contact: String? = nil) throws(StoreError) -> [ActivityRecord] {
        try read { db in
            let (filter, arguments) = Self.entityFilter(custodian: custodian, contact: contact)
            let rows = try Row.fetchAll(db, sql: """
                SELECT custodian, contact_email, sent, received, peak_weekday, peak_hour, outside_business_hours
                FROM activity \(filter) ORDER BY custodian, contact_email != '', messages DESC, contact_email
                """, arguments: arguments)
            let decoder = JSONDecoder()
            return try rows.map { row in
                ActivityRecord(
                    custodian: row[0], contact: row[1],
                    sent: try decoder.decode(WeekHours.self, from: Data((row[2] as String).utf8)),
                    received: try decoder.decode(WeekHours.self, from: Data((row[3] as String).utf8)),
                    peakWeekday: row[4], peakHour: row[5], outsideBusinessHours: row[6])
            }
        }
    }
}
