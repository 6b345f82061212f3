import MailModel
import Workdays

/// Working time between two moments: only business days (the calendar's workweek, not
/// holidays) from 08:00 to 18:00 in the mailbox owner's zone count. A message that arrives on
/// Friday evening and is answered on Monday morning was answered within the hour, not after 60.
struct BusinessHours: Sendable {
    let calendar: BusinessCalendar
    let zone: Zone
    static let opens: Int64 = 8 * 3600
    static let closes: Int64 = 18 * 3600

    /// Counted on the local clock: the instants become wall-clock times, so a day on which
    /// daylight saving time starts or ends still has its ten working hours.
    func seconds(from startInstant: Int64, to endInstant: Int64) -> Int64 {
        guard endInstant > startInstant else { return 0 }
        let start = zone.local(startInstant), end = zone.local(endInstant)
        var total: Int64 = 0
        var day = Day(containing: start)
        let last = Day(containing: end)
        // Long gaps are rare; cap the walk at ten years of days.
        var steps = 0
        while day <= last, steps < 3660 {
            if calendar.isBusinessDay(day) {
                let open = day.start + Self.opens, close = day.start + Self.closes
                let from = max(open, start), to = min(close, end)
                if to > from { total += to - from }
            }
            day = day.advanced(by: 1)
            steps += 1
        }
        return total
    }
}
