import Foundation
import GRDB
import MailModel

/// One dated message as the time-zone inference needs it.
public struct ZoneFacts: Sendable {
    /// The file it was first read from: whose mailbox's evidence it is.
    public var sourceFileID: Int64 = 0
    /// When it was sent (else received), Unix seconds.
    public var sentAt: Int64 = 0
    public var dateOffset: UTCOffset?
    public var sender: String = ""

    public init(sourceFileID: Int64 = 0, sentAt: Int64 = 0, dateOffset: UTCOffset? = nil, sender: String = "") {
        self.sourceFileID = sourceFileID
        self.sentAt = sentAt
        self.dateOffset = dateOffset
        self.sender = sender
    }
}

extension AnalyticsStore {
    /// Streams the dated mail that has a sender, by position (it runs over every message).
    public func scanZoneFacts(_ body: (ZoneFacts) throws -> Void) throws(StoreError) {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT first_source_file_id, COALESCE(sent_at, date), date_offset, sender_email FROM messages
                WHERE kind IN ('email', 'meeting') AND date IS NOT NULL AND sender_email IS NOT NULL
                """)
            var facts = ZoneFacts()
            while let row = try rows.next() {
                facts.sourceFileID = row[0]
                facts.sentAt = row[1]
                facts.dateOffset = (row[2] as Int?).flatMap(UTCOffset.init(minutes:))
                facts.sender = row[3]
                try body(facts)
            }
        }
    }

    /// Replaces every mailbox's zone.
    public func replaceZones(_ zones: [OwnerZone]) throws(StoreError) {
        try write { db in
            try db.execute(sql: "DELETE FROM mailbox_zones")
            let insert = try db.makeStatement(sql: """
                INSERT INTO mailbox_zones (custodian, zone, source, confidence, evidence) VALUES (?, ?, ?, ?, ?)
                """)
            for zone in zones {
                try insert.execute(arguments: [
                    zone.custodian, zone.zone, zone.source, zone.confidence, try JSONDocument.line(zone.evidence),
                ])
            }
        }
    }

    /// Each mailbox's zone as the last analysis found it, by custodian.
    public func mailboxZones() throws(StoreError) -> [String: OwnerZone] {
        try read { db in
            var zones: [String: OwnerZone] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT custodian, zone, source, confidence, evidence FROM mailbox_zones") {
                let evidence = try JSONDecoder().decode(ZoneEvidence.self, from: Data((row[4] as String).utf8))
                let zone = OwnerZone(custodian: row[0], zone: row[1], source: row[2] ?? .inferred,
                                     confidence: row[3], evidence: evidence)
                zones[zone.custodian] = zone
            }
            return zones
        }
    }
}
