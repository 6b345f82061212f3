import MailModel
import Store
import Workdays

/// One entity's mail by the owner's local weekday and hour, as the scan finds it.
struct ActivityTally: Sendable {
    /// Contacts with less mail in a mailbox get no activity record: too little to show a pattern.
    static let minimumContactMessages = 20

    /// The owner's mail, then the mail the owner got: weekday × 24 + hour.
    private var cells = [Int32](repeating: 0, count: 2 * 168)
    private var outside = 0
    private(set) var total = 0

    /// `wall` is the local time, counted like Unix seconds.
    mutating func add(wall: Int64, fromOwner: Bool, calendar: BusinessCalendar) {
        let day = Day(containing: wall)
        let hour = Int((wall - day.start) / 3600)
        cells[(fromOwner ? 0 : 168) + day.weekday * 24 + hour] += 1
        total += 1
        if !calendar.isBusinessDay(day) || !(BusinessHours.opens..<BusinessHours.closes).contains(wall - day.start) {
            outside += 1
        }
    }

    func record(custodian: String, contact: String) -> ActivityRecord {
        var sent = WeekHours(), received = WeekHours()
        for weekday in 0..<7 {
            for hour in 0..<24 {
                sent[weekday, hour] = Int(cells[weekday * 24 + hour])
                received[weekday, hour] = Int(cells[168 + weekday * 24 + hour])
            }
        }
        let both = sent + received
        let byWeekday = both.counts.map { $0.reduce(0, +) }
        let byHour = (0..<24).map { hour in both.counts.reduce(0) { $0 + $1[hour] } }
        return ActivityRecord(
            custodian: custodian, contact: contact, sent: sent, received: received,
            peakWeekday: total > 0 ? byWeekday.firstIndex(of: byWeekday.max()!) : nil,
            peakHour: total > 0 ? byHour.firstIndex(of: byHour.max()!) : nil,
            outsideBusinessHours: total > 0 ? (Double(outside) / Double(total)).rounded(toPlaces: 4) : 0)
    }
}
