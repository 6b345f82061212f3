import MailModel
import Store
import Workdays

/// One entity's mail by the owner's local weekday and hour, as the scan finds it.
struct ActivityTally: Sendable {
    /// Contacts with less mail in a mailbox get no activity record: too little to show a pattern.
    static let minimumContactMessages = 20

    static let cellCount = 2 * 168

    /// The owner's mail, then the mail the owner got: weekday × 24 + hour. Empty until the
    /// tally reaches the minimum: most contacts never do, and a table each took 48 MB for the
    /// 35,000 contacts of a million-message mailbox.
    private var cells: [Int32] = []
    /// The cells of the mail counted before then, one each.
    private var early: [UInt16] = []
    private var outside = 0
    private(set) var total = 0

    /// `wall` is the local time, counted like Unix seconds.
    mutating func add(wall: Int64, fromOwner: Bool, calendar: BusinessCalendar) {
        let day = Day(containing: wall)
        let hour = Int((wall - day.start) / 3600)
        let cell = (fromOwner ? 0 : 168) + day.weekday * 24 + hour
        if cells.isEmpty {
            early.append(UInt16(cell))
            if early.count >= Self.minimumContactMessages {
                cells = denseCells()
                early = []
            }
        } else {
            cells[cell] += 1
        }
        total += 1
        if !calendar.isBusinessDay(day) || !(BusinessHours.opens..<BusinessHours.closes).contains(wall - day.start) {
            outside += 1
        }
    }

    private func denseCells() -> [Int32] {
        guard cells.isEmpty else { return cells }
        var dense = [Int32](repeating: 0, count: Self.cellCount)
        for cell in early { dense[Int(cell)] += 1 }
        return dense
    }

    func record(custodian: String, contact: String) -> ActivityRecord {
        let cells = denseCells()
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
