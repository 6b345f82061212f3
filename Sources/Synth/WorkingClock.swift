import MailModel
import Workdays

/// A person's working hours, as seconds after local midnight.
struct WorkingHours: Sendable {
    var start: Int64
    var end: Int64

    init(from startHour: Double, to endHour: Double) {
        start = Int64(startHour * 3600)
        end = Int64(endHour * 3600)
    }
}

/// Working-time arithmetic. A reply costs working time, not wall time: mail that arrives
/// overnight, on a weekend, a holiday or during leave waits for the next working morning.
struct WorkingClock: Sendable {
    let calendar: BusinessCalendar
    /// Days on which nobody answers (the owner's leave: correspondents hold their replies too).
    let away: Set<Int>

    func isWorkday(_ day: Day) -> Bool {
        calendar.isBusinessDay(day) && !away.contains(day.index)
    }

    /// The moment `seconds` of working time after `time`, within `hours` of `zone`'s local days.
    func advance(_ time: Int64, by seconds: Int64, hours: WorkingHours, zone: Zone) -> Int64 {
        let wall = advance(local: zone.local(time), by: seconds, hours: hours)
        let day = Day(containing: wall)
        return zone.instant(day, secondsAfterMidnight: wall - day.start)
    }

    /// The same on the wall clock: times are local, counted like Unix seconds.
    private func advance(local time: Int64, by seconds: Int64, hours: WorkingHours) -> Int64 {
        var now = time
        var remaining = seconds
        // A few years of days at most: bounded even with long leave.
        for _ in 0..<4000 {
            let day = Day(containing: now)
            let offset = now - day.start
            if !isWorkday(day) || offset >= hours.end {
                now = nextWorkday(after: day).start + hours.start
                continue
            }
            if offset < hours.start { now = day.start + hours.start }
            let available = day.start + hours.end - now
            if remaining <= available { return now + remaining }
            remaining -= available
            now = nextWorkday(after: day).start + hours.start
        }
        return now
    }

    func nextWorkday(after day: Day) -> Day {
        var next = day.advanced(by: 1)
        while !isWorkday(next) { next = next.advanced(by: 1) }
        return next
    }
}
