/// The weekdays on which people work (0 = Sunday … 6 = Saturday). Not every mailbox keeps a
/// Monday-to-Friday week: much of the Middle East works Sunday to Thursday, and shops add Saturday.
public struct Workweek: Sendable, Equatable, CustomStringConvertible {
    public static let mondayToFriday = Workweek(days: [1, 2, 3, 4, 5])

    private static let names = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    public let days: Set<Int>

    /// Every element must be a weekday number 0...6.
    public init(days: Set<Int>) {
        precondition(days.allSatisfy { (0...6).contains($0) }, "weekdays are 0 (Sunday) ... 6 (Saturday)")
        self.days = days
    }

    /// Comma-separated three-letter English day names or ranges of them, case-insensitive:
    /// "mon-fri", "sun-thu", "mon,tue,wed", "mon-thu,sat". A range may wrap past Saturday
    /// ("sat-wed"). Nil when empty or when any part is not a day name or range.
    public init?(parsing text: String) {
        func weekday(_ name: Substring) -> Int? { Workweek.names.firstIndex(of: name.trimmed.lowercased()) }
        var days: Set<Int> = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false)
            switch ends.count {
            case 1:
                guard let day = weekday(ends[0]) else { return nil }
                days.insert(day)
            case 2:
                guard let from = weekday(ends[0]), let to = weekday(ends[1]) else { return nil }
                for step in 0...((to - from + 7) % 7) { days.insert((from + step) % 7) }
            default:
                return nil
            }
        }
        self.init(days: days)
    }

    public func contains(_ weekday: Int) -> Bool { days.contains(weekday) }

    /// Canonical and re-parseable: runs of three or more consecutive days as a range (which may
    /// wrap, "sat-wed"), shorter runs listed, runs ordered by their first day from Sunday.
    public var description: String {
        if days.count == 7 { return "sun-sat" }
        var parts: [String] = []
        for start in 0...6 where days.contains(start) && !days.contains((start + 6) % 7) {
            var length = 1
            while days.contains((start + length) % 7) { length += 1 }
            if length >= 3 {
                parts.append("\(Workweek.names[start])-\(Workweek.names[(start + length - 1) % 7])")
            } else {
                parts += (0..<length).map { Workweek.names[(start + $0) % 7] }
            }
        }
        return parts.joined(separator: ",")
    }
}
