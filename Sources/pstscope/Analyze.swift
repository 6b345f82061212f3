import Analysis
import ArgumentParser
import Foundation
import MailModel
import Store
import Workdays

extension Pstscope {
    struct Analyze: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the gap analysis of the whole store (import does this after each session).",
            discussion: "Calendar options are kept in the store and used by every later recomputation.")

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "Working days, e.g. mon-fri (default), sun-thu, mon-thu,sat.")
        var workweek: String?

        @Option(help: "Holiday rules, comma-separated: us (default), uk, de, fr; 'none' for none.")
        var holidays: String?

        @Option(help: "A file of extra holidays, one 'YYYY-MM-DD name' per line; 'none' to drop them.")
        var holidayFile: String?

        @Option(help: ArgumentHelp(
            "A custodian's time zone, CUSTODIAN=Area/City (repeatable); CUSTODIAN=auto infers it again.",
            discussion: "Business hours, response times and the gap calendar of that mailbox use it."))
        var timezone: [String] = []

        /// The options are checked before anything opens (or creates) the store.
        func validate() throws {
            _ = try calendarChanges()
        }

        func run() throws {
            let changes = try calendarChanges()
            let store = try openStore(storeOptions)
            var settings = TimelineSettings(stored: (try? store.analysisSettings()) ?? [:])
            changes.apply(to: &settings)
            let summary = try recomputeAnalyses(store, settings: settings, session: nil)
            print(summaryLine(summary))
        }

        /// What this command changes in the stored calendar settings.
        struct CalendarChanges {
            var workweek: Workweek?
            var regions: [HolidayRegion]?
            var customHolidays: [Day: String]?
            /// Per custodian: a zone's name, or nil to infer it again.
            var timezones: [String: String?] = [:]

            func apply(to settings: inout TimelineSettings) {
                if let workweek { settings.workweek = workweek }
                if let regions { settings.regions = regions }
                if let customHolidays { settings.customHolidays = customHolidays }
                for (custodian, zone) in timezones { settings.timezones[custodian] = zone }
            }
        }

        func calendarChanges() throws -> CalendarChanges {
            var changes = CalendarChanges()
            for pair in timezone {
                guard let equals = pair.lastIndex(of: "="), equals != pair.startIndex else {
                    throw ValidationError("--timezone \(pair): use CUSTODIAN=Area/City, e.g. \"Dana Whitfield=America/Los_Angeles\"")
                }
                let custodian = String(pair[..<equals]), name = String(pair[pair.index(after: equals)...])
                if name.lowercased() == "auto" {
                    changes.timezones[custodian] = .some(nil)
                } else if let zone = Zone(identifier: name) {
                    changes.timezones[custodian] = zone.identifier
                } else {
                    throw ValidationError("--timezone \(pair): unknown time zone \(name); use an IANA name such as Europe/Berlin")
                }
            }
            if let workweek {
                guard let parsed = Workweek(parsing: workweek) else {
                    throw ValidationError("--workweek \(workweek): use day names like mon-fri or sun-thu")
                }
                changes.workweek = parsed
            }
            if let holidays {
                changes.regions = holidays.lowercased() == "none" ? [] : try holidays.split(separator: ",").map { name in
                    guard let region = HolidayRegion(name: String(name)) else {
                        throw ValidationError("--holidays: unknown region \(name); use us, uk, de or fr")
                    }
                    return region
                }
            }
            if let holidayFile {
                if holidayFile.lowercased() == "none" {
                    changes.customHolidays = [:]
                } else {
                    guard let text = try? String(contentsOfFile: holidayFile, encoding: .utf8) else {
                        throw fail("cannot read holiday file \(holidayFile)")
                    }
                    do {
                        changes.customHolidays = try HolidayFile.parse(text)
                    } catch {
                        throw fail("holiday file \(holidayFile), \(error)")
                    }
                }
            }
            return changes
        }
    }
}
