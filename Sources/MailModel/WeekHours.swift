/// Mail by local weekday and hour of day: 7 rows, Sunday first (as `Day.weekday` counts), of
/// 24 hours. Stored and written as that array of arrays.
public struct WeekHours: Codable, Sendable, Equatable {
    public private(set) var counts: [[Int]]

    public static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    public init() {
        counts = Array(repeating: Array(repeating: 0, count: 24), count: 7)
    }

    /// Nil unless `counts` is 7 rows of 24 counts.
    public init?(counts: [[Int]]) {
        guard counts.count == 7, counts.allSatisfy({ $0.count == 24 }) else { return nil }
        self.counts = counts
    }

    public init(from decoder: Decoder) throws {
        let counts = try [[Int]](from: decoder)
        guard let valid = WeekHours(counts: counts) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not 7 × 24 counts"))
        }
        self = valid
    }

    public func encode(to encoder: Encoder) throws { try counts.encode(to: encoder) }

    public subscript(weekday: Int, hour: Int) -> Int {
        get { counts[weekday][hour] }
        set { counts[weekday][hour] = newValue }
    }

    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

    /// Cell by cell.
    public static func + (a: WeekHours, b: WeekHours) -> WeekHours {
        var sum = a
        for weekday in 0..<7 { for hour in 0..<24 { sum[weekday, hour] += b[weekday, hour] } }
        return sum
    }
}
