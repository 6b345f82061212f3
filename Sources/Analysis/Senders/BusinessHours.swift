import MailModel
import Workdays

/// Working time between two moments: only business days (the calendar's workweek, not
/// holidays) from 08:00 to 18:00 UTC count. A message that arrives on Friday evening and is
/// answered on Monday morning was answered within the hour, not after 60.
struct BusinessHours: Sendable {
    let calendar: BusinessCalendar
    static let opens: Int64 = 8 * 3600
    static let closes: Int64 = 18 * 3600

    func seconds(from start: Int64, to end: Int64) -> Int64 {
        guard end > start else { return 0 }
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
