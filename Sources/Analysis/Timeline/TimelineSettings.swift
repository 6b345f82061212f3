import MailModel
import Workdays

/// The business calendar gap analysis uses, kept in the store with the results so that a
/// recomputation after the next import uses the same one.
public struct TimelineSettings: Sendable, Equatable {
    public var workweek: Workweek
    public var regions: [HolidayRegion]
    /// Extra holidays (a company's closing days), from a holiday file.
    public var customHolidays: [Day: String]

    /// Contacts with fewer dated messages in a mailbox have no rate worth estimating.
    public static let minimumContactMessages = 10

    public init(workweek: Workweek = .mondayToFriday, regions: [HolidayRegion] = [.us],
                customHolidays: [Day: String] = [:]) {
        self.workweek = workweek
        self.regions = regions
        self.customHolidays = customHolidays
    }

    /// Settings as stored; missing or unreadable keys fall back to the defaults.
    public init(stored: [String: String]) {
        self.init()
        if let text = stored["workweek"], let workweek = Workweek(parsing: text) { self.workweek = workweek }
        if let text = stored["regions"] {
            regions = text.split(separator: ",").compactMap { HolidayRegion(name: String($0)) }
        }
        if let text = stored["custom_holidays"], let days = try? HolidayFile.parse(text) { customHolidays = days }
    }

    public var stored: [String: String] {
        [
            "workweek": workweek.description,
            "regions": regions.map(\.rawValue).joined(separator: ","),
            "custom_holidays": customHolidays.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                .joined(separator: "\n"),
        ]
    }

    func calendar(years: ClosedRange<Int>) -> BusinessCalendar {
        BusinessCalendar(workweek: workweek, regions: regions, custom: customHolidays, years: years)
    }
}
