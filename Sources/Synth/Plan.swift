import MailModel
import Workdays
import PSTWriter

/// A scenario's fixed shape: its dates, files, gaps and leave, all in the owner's local days.
/// Gaps and files are the same for every seed, so the truth's timeline answers are stable and
/// easy to document; the seed changes the mail itself.
struct Plan: Sendable {
    var scenario: Scenario
    var start: Day
    var end: Day
    /// Each file's declared date range; a message belongs to every file whose range holds it.
    var files: [ClosedRange<Day>]
    /// Runs of days whose mail is missing from the mailbox altogether.
    var gaps: [ClosedRange<Day>] = []
    /// The owner's leave: only automated mail arrives, and nobody answers until it ends.
    var leave: [ClosedRange<Day>] = []
    /// Runs of days whose incoming mail is missing while the owner's own mail is kept, as when
    /// an Inbox was archived or moved by a rule and the Sent Items were not.
    var inboundGaps: [ClosedRange<Day>] = []
    var hostile = false
    var calendar: BusinessCalendar
    var layout: FolderLayout
    /// The owner's zone: a message belongs to the owner's local day it is sent or delivered on.
    var ownerZone: Zone

    /// Where the owner works unless `synth --timezone` says otherwise.
    static let defaultZone = "America/New_York"

    init(_ scenario: Scenario, layout: FolderLayout = .folders, ownerZone: Zone? = nil) {
        self.scenario = scenario
        self.layout = layout
        switch scenario {
        case .steady, .gappy, .multi:
            start = Day(2021, 1, 1); end = Day(2023, 12, 31)
        case .hostile:
            start = Day(2023, 1, 1); end = Day(2023, 12, 31)
        case .large:
            start = Day(2014, 1, 1); end = Day(2023, 12, 31)
        }
        calendar = BusinessCalendar(years: start.year...end.year)
        self.ownerZone = ownerZone ?? Zone(identifier: Self.defaultZone, years: (start.year - 1)...(end.year + 1))!
        files = [start...end]
        switch scenario {
        case .gappy:
            // Business-day lengths 3 to 30; several run across weekends and holidays
            // (Washington's Birthday, Juneteenth, Thanksgiving, Labor Day, Christmas).
            let runs: [(Day, Int)] = [
                (Day(2021, 2, 11), 3), (Day(2021, 6, 14), 5), (Day(2021, 11, 22), 8),
                (Day(2022, 3, 7), 15), (Day(2022, 8, 15), 30), (Day(2022, 12, 22), 5),
            ]
            gaps = runs.map { start, count in start...calendar.endOfRun(startingAt: start, businessDays: count) }
            leave = [Day(2023, 7, 3)...Day(2023, 7, 21)]
            inboundGaps = [Day(2023, 3, 13)...calendar.endOfRun(startingAt: Day(2023, 3, 13), businessDays: 10)]
        case .multi:
            // Files 0 and 1 overlap for three months; nothing covers 2023-05-29 … 2023-06-23
            // (Memorial Day and Juneteenth fall inside).
            files = [
                Day(2021, 1, 1)...Day(2022, 6, 30),
                Day(2022, 4, 1)...Day(2023, 5, 28),
                Day(2023, 6, 24)...Day(2023, 12, 31),
            ]
        case .hostile:
            hostile = true
        case .steady, .large:
            break
        }
    }

    var days: ClosedRange<Day> { start...end }

    /// Days no file covers, as runs.
    var uncovered: [ClosedRange<Day>] {
        var runs: [ClosedRange<Day>] = []
        var runStart: Day?
        for day in days {
            if fileIndexes(on: day).isEmpty {
                if runStart == nil { runStart = day }
            } else if let first = runStart {
                runs.append(first...day.advanced(by: -1))
                runStart = nil
            }
        }
        if let first = runStart { runs.append(first...end) }
        return runs
    }

    func fileIndexes(on day: Day) -> [Int] {
        files.indices.filter { files[$0].contains(day) }
    }

    /// The owner's local day an instant falls on.
    func day(containing time: Int64) -> Day { ownerZone.day(containing: time) }

    func isGap(_ day: Day) -> Bool { gaps.contains { $0.contains(day) } }
    func gap(containing day: Day) -> ClosedRange<Day>? { gaps.first { $0.contains(day) } }
    func isLeave(_ day: Day) -> Bool { leave.contains { $0.contains(day) } }
    func isInboundGap(_ day: Day) -> Bool { inboundGaps.contains { $0.contains(day) } }
    /// The injected gap, whole or inbound, that lost a message delivered on `day`.
    func loss(containing day: Day) -> ClosedRange<Day>? { gap(containing: day) ?? inboundGaps.first { $0.contains(day) } }

    /// Whether mail dated this day exists in the mailbox (in some file, outside every gap).
    func isPresent(_ day: Day) -> Bool {
        days.contains(day) && !isGap(day) && files.contains { $0.contains(day) }
    }

    /// Where a message delivered at `time` is filed. In the flat layout the owner's mail is in
    /// Sent Items and everything else in Inbox. Otherwise `large` keeps only the final month in
    /// the live folders and the rest in monthly archive folders ("Archive/2019/03"), as
    /// long-lived mailboxes are often kept.
    func filing(_ folder: FolderRole, deliveredAt time: Int64) -> FolderRole {
        if layout == .flat { return folder == .sentItems ? .sentItems : .inbox }
        let day = self.day(containing: time)
        guard scenario == .large, folder != .deletedItems,
              (day.year, day.month) < (end.year, end.month) else { return folder }
        return .other(["Archive", String(day.year), pad(day.month, 2)])
    }

    var folders: [FolderRole] {
        var list: [FolderRole] = [.inbox, .sentItems, .deletedItems]
        if layout == .folders {
            list += [Folders.project, Folders.receipts]
            if hostile { list.append(Folders.hostile) }
        }
        if scenario != .large { list.append(Folders.contacts) }
        return list
    }
}

enum Folders {
    static let project = FolderRole.other(["Projects", "Falcon"])
    static let receipts = FolderRole.other(["Receipts"])
    static let contacts = FolderRole.other(["Contacts"])
    static let hostile = FolderRole.other(["Projects", Hostile.folderName])

    /// How the truth names a folder: its display path joined with "/".
    static func name(_ role: FolderRole) -> String {
        switch role {
        case .inbox: "Inbox"
        case .sentItems: "Sent Items"
        case .deletedItems: "Deleted Items"
        case .other(let path): path.joined(separator: "/")
        }
    }
}
