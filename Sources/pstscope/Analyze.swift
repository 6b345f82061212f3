import Analysis
import ArgumentParser
import Foundation
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

        func run() throws {
            let store = try openStore(storeOptions)
            let settings = try self.settings(from: store)
            let summary = try recomputeAnalyses(store, settings: settings, session: nil)
            print(summaryLine(summary))
        }

        /// The stored settings with this command's changes applied.
        func settings(from store: AnalyticsStore) throws -> TimelineSettings {
            var settings = TimelineSettings(stored: (try? store.analysisSettings()) ?? [:])
            if let workweek {
                guard let parsed = Workweek(parsing: workweek) else {
                    throw ValidationError("--workweek \(workweek): use day names like mon-fri or sun-thu")
                }
                settings.workweek = parsed
            }
            if let holidays {
                if holidays.lowercased() == "none" {
                    settings.regions = []
                } else {
                    settings.regions = try holidays.split(separator: ",").map { name in
                        guard let region = HolidayRegion(name: String(name)) else {
                            throw ValidationError("--holidays: unknown region \(name); use us, uk, de or fr")
                        }
                        return region
                    }
                }
            }
            if let holidayFile {
                if holidayFile.lowercased() == "none" {
                    settings.customHolidays = [:]
                } else {
                    guard let text = try? String(contentsOfFile: holidayFile, encoding: .utf8) else {
                        throw fail("cannot read holiday file \(holidayFile)")
                    }
                    do {
                        settings.customHolidays = try HolidayFile.parse(text)
                    } catch {
                        throw fail("holiday file \(holidayFile), \(error)")
                    }
                }
            }
            return settings
        }
    }
}

/// What one recomputation of every analysis did.
struct AnalysisSummary {
    var timeline: TimelineSummary
    var senders: SenderSummary
}

/// Recomputes every stored analysis (gaps; senders and the network); a failure is one error
/// line. The two read the messages and write their own tables, so they run side by side.
func recomputeAnalyses(_ store: AnalyticsStore, settings: TimelineSettings? = nil, session: String?) throws
    -> AnalysisSummary
{
    do {
        let settings = try settings ?? TimelineSettings(stored: store.analysisSettings())
        // Senders on a second thread, gaps on this one; both finish before anything returns.
        let senders = Background { () throws(StoreError) in
            try SenderAnalysis.recompute(store, settings: settings, session: session)
        }
        let timeline = Result { () throws(StoreError) in
            try TimelineAnalysis.recompute(store, settings: settings, session: session)
        }
        return AnalysisSummary(timeline: try timeline.get(), senders: try senders.value())
    } catch {
        throw fail("analysis of \(store.path): \(error)")
    }
}

func summaryLine(_ summary: AnalysisSummary) -> String {
    let t = summary.timeline, s = summary.senders
    return "Gap analysis: \(t.mailboxes) mailbox\(t.mailboxes == 1 ? "" : "es"), \(t.contacts) "
        + "contact\(t.contacts == 1 ? "" : "s"), \(t.gaps) gap\(t.gaps == 1 ? "" : "s")"
        + String(format: " (%.2f s)", t.seconds) + "\n"
        + "Senders: \(s.profiles) profile\(s.profiles == 1 ? "" : "s"), \(s.replies) repl\(s.replies == 1 ? "y" : "ies") matched, "
        + "network of \(s.nodes) people and \(s.edges) links" + String(format: " (%.2f s)", s.seconds)
}
