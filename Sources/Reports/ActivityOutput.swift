import MailModel
import Store

/// When mail comes and goes, as `pstscope activity` and the reports give it. Weekdays are
/// named; the matrices are 7 rows, Sunday first, of 24 hours of the owner's local time.
public enum ActivityOutput {
    public static func json(_ records: [ActivityRecord], zones: [String: OwnerZone]) -> String {
        try! JSONDocument.text(records.map { Entity($0, zone: zones[$0.custodian]?.zone) })
    }

    struct Entity: Encodable {
        var entity: String
        var custodian: String
        @Nullable var contact: String?
        @Nullable var timeZone: String?
        var messages: Int
        @Nullable var peakWeekday: String?
        @Nullable var peakHour: Int?
        var outsideBusinessHours: Double
        var weekdays = WeekHours.weekdayNames
        var sent: WeekHours
        var received: WeekHours

        init(_ record: ActivityRecord, zone: String?) {
            entity = record.contact.isEmpty ? "mailbox" : "contact"
            custodian = record.custodian
            contact = record.contact.isEmpty ? nil : record.contact
            timeZone = zone
            messages = record.messages
            peakWeekday = record.peakWeekday.map { WeekHours.weekdayNames[$0] }
            peakHour = record.peakHour
            outsideBusinessHours = record.outsideBusinessHours
            sent = record.sent
            received = record.received
        }
    }

    /// One row per entity, weekday and hour with mail (cells without mail are left out).
    public static func csv(_ records: [ActivityRecord]) -> String {
        var table = CSVTable(header: ["custodian", "contact", "weekday", "hour", "sent", "received"])
        for record in records {
            for cell in record.cellsWithMail {
                table.append([.text(record.custodian), .text(record.contact), .text(WeekHours.weekdayNames[cell.weekday]),
                              .int(cell.hour), .int(cell.sent), .int(cell.received)])
            }
        }
        return table.text
    }

    /// "Tuesday 10:00".
    public static func peak(_ record: ActivityRecord) -> String {
        guard let weekday = record.peakWeekday, let hour = record.peakHour else { return "-" }
        return "\(WeekHours.weekdayNames[weekday]) \(pad(hour, 2)):00"
    }
}
