import MailModel

/// The runs of days on which one source file has mail. A silence of more than
/// `maximumSilence` days splits a run, so that a few stray old messages do not make a file
/// seem to cover years it does not.
struct FileCoverage: Sendable {
    static let maximumSilence = 92

    var fileID: Int64
    var path: String
    var runs: [(days: ClosedRange<Day>, messages: Int)]

    init(fileID: Int64, path: String, days: [Int32: Int32]) {
        self.fileID = fileID
        self.path = path
        var runs: [(days: ClosedRange<Day>, messages: Int)] = []
        for (day, count) in days.sorted(by: { $0.key < $1.key }) {
            let today = Day(index: Int(day))
            if let last = runs.last, last.days.upperBound.distance(to: today) <= Self.maximumSilence + 1 {
                runs[runs.count - 1] = (last.days.lowerBound...today, last.messages + Int(count))
            } else {
                runs.append((today...today, Int(count)))
            }
        }
        self.runs = runs
    }

    func covers(_ day: Day) -> Bool { runs.contains { $0.days.contains(day) } }
    func overlaps(_ range: ClosedRange<Day>) -> Bool { runs.contains { $0.days.overlaps(range) } }
}

/// What one custodian's files say about a range of days.
struct CoverageCheck: Sendable {
    /// Files with a coverage run overlapping the range.
    var covering: [FileCoverage]
    /// Parts of the range no file covers.
    var uncovered: [ClosedRange<Day>]

    init(_ range: ClosedRange<Day>, files: [FileCoverage]) {
        covering = files.filter { $0.overlaps(range) }
        var uncovered: [ClosedRange<Day>] = []
        var start: Day?
        for day in range {
            if covering.contains(where: { $0.covers(day) }) {
                if let first = start { uncovered.append(first...day.advanced(by: -1)) }
                start = nil
            } else if start == nil {
                start = day
            }
        }
        if let first = start { uncovered.append(first...range.upperBound) }
        self.uncovered = uncovered
    }

    var isCovered: Bool { uncovered.isEmpty }
    var isUncovered: Bool { covering.isEmpty }
}
