import Analysis
import ArgumentParser
import MailModel
import Foundation
import Store

/// What one recomputation of every analysis did.
struct AnalysisSummary {
    var zones: MailboxZones
    var timeline: TimelineSummary
    var senders: SenderSummary
}

/// Recomputes every stored analysis (each owner's zone first, as the others count in it; then
/// gaps, and senders and the network); a failure is one error line. Gaps and senders read the
/// messages and write their own tables, so they run side by side.
func recomputeAnalyses(_ store: AnalyticsStore, settings: TimelineSettings? = nil, session: String?) throws
    -> AnalysisSummary
{
    do {
        let settings = try settings ?? TimelineSettings(stored: store.analysisSettings())
        let zones = try ZoneAnalysis.recompute(store, settings: settings)
        // Senders on a second thread, gaps on this one; both finish before anything returns.
        let senders = Background { () throws(StoreError) in
            try SenderAnalysis.recompute(store, settings: settings, zones: zones, session: session)
        }
        let timeline = Result { () throws(StoreError) in
            try TimelineAnalysis.recompute(store, settings: settings, zones: zones, session: session)
        }
        return AnalysisSummary(zones: zones, timeline: try timeline.get(), senders: try senders.value())
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
