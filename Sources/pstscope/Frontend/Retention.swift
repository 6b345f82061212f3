import ArgumentParser
import Foundation
import MailModel
import Store

/// How long the operational rows of a finished session are kept: `[retention] days`, or
/// `prune --older-than`.
struct RetentionPeriod: ExpressibleByArgument {
    let days: Int

    init(days: Int) { self.days = days }

    /// "90d" or "90": whole days, 0 or more.
    init?(argument: String) {
        let digits = argument.hasSuffix("d") ? String(argument.dropLast()) : argument
        guard let days = Int(digits), days >= 0 else { return nil }
        self.days = days
    }

    static var defaultValueDescription: String { "90d" }

    /// Removes (or counts) the operational rows of sessions that ended over `days` ago, with a
    /// line that says what went; nil when the period keeps everything.
    func apply(to store: AnalyticsStore, now: Date = Date(), dryRun: Bool = false) throws
        -> (sweep: RetentionSweep, line: String)?
    {
        guard days > 0 else { return nil }
        let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
        let sweep: RetentionSweep
        do {
            sweep = try store.sweepOperationalRows(endedBefore: cutoff, dryRun: dryRun)
        } catch {
            throw fail("retention in \(store.path): \(error)")
        }
        let what = sweep.isEmpty ? "nothing"
            : "\(sweep.batchMetrics) batch metric\(plural(sweep.batchMetrics)), \(sweep.alerts) alert\(plural(sweep.alerts)) "
                + "and \(sweep.itemErrors) item error\(plural(sweep.itemErrors)) of \(sweep.sessions) "
                + "session\(plural(sweep.sessions))"
        return (sweep, "Retention (\(days) days): \(dryRun ? "would remove" : "removed") \(what) that ended before "
            + "\(Day(containing: Int64(cutoff.timeIntervalSince1970)))")
    }
}

/// Gives the store's free pages back to the file system, in one line.
func reclaimSpace(_ store: AnalyticsStore) throws -> String {
    do {
        let bytes = try store.reclaimFreeSpace()
        return "Reclaimed \(ByteCountFormatter.string(fromByteCount: max(0, bytes), countStyle: .file)) "
            + "(\(max(0, bytes)) bytes) of \(store.path)"
    } catch {
        throw fail("reclaiming free space in \(store.path): \(error)")
    }
}

func plural(_ count: Int) -> String { count == 1 ? "" : "s" }
