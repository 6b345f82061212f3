import Foundation
import MailModel
import Workdays

/// The business calendar gap analysis uses, kept in the store with the results so that a
/// recomputation after the next import uses the same one.
public struct TimelineSettings: Sendable, Equatable {
    public var workweek: Workweek
    public var regions: [HolidayRegion]
    /// Extra holidays (a company's closing days), from a holiday file.
    public var customHolidays: [Day: String]
    /// Time zones the user gave, by custodian (IANA names); other mailboxes' zones are inferred.
    public var timezones: [String: String]

    /// Contacts with fewer dated messages in a mailbox have no rate worth estimating.
    public static let minimumContactMessages = 10

    public init(workweek: Workweek = .mondayToFriday, regions: [HolidayRegion] = [.us],
                customHolidays: [Day: String] = [:], timezones: [String: String] = [:]) {
        self.workweek = workweek
        self.regions = regions
        self.customHolidays = customHolidays
        self.timezones = timezones
    }

    /// Settings as stored; missing or unreadable keys fall back to the defaults.
    public init(stored: [String: String]) {
        self.init()
        if let text = stored["workweek"], let workweek = Workweek(parsing: text) { self.workweek = workweek }
        if let text = stored["regions"] {
            regions = text.split(separator: ",").compactMap { HolidayRegion(name: String($0)) }
        }
        if let text = stored["custom_holidays"], let days = try? HolidayFile.parse(text) { customHolidays = days }
        if let text = stored["timezones"],
           let zones = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8)) {
            timezones = zones
        }
    }

    public var stored: [String: String] {
        [
            "workweek": workweek.description,
            "regions": regions.map(\.rawValue).joined(separator: ","),
            "custom_holidays": customHolidays.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                .joined(separator: "\n"),
            "timezones": Self.encoded(timezones),
        ]
    }

    func calendar(years: ClosedRange<Int>) -> BusinessCalendar {
        BusinessCalendar(workweek: workweek, regions: regions, custom: customHolidays, years: years)
    }

    /// A plain encoder: custodian names are keys here, and must not be recased.
    private static func encoded(_ zones: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(zones)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
