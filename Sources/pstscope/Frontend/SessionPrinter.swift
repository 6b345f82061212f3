import Foundation
import Ingest
import Store

/// Session records as text tables and JSON.
enum SessionPrinter {
    static func list(_ reports: [SessionRecord]) -> String {
        guard !reports.isEmpty else { return "no import sessions yet\n" }
        var rows = [["SESSION", "STATUS", "STARTED", "FILES", "EMAILS", "NEW", "DUPLICATES", "CONTACTS", "FAILED"]]
        for r in reports {
            rows.append([
                r.sessionID, r.status.rawValue, r.startTime, "\(r.files.count)", "\(r.processedEmails)",
                "\(r.successfulImports)", "\(r.duplicatesDetected)", "\(r.contactsCreated)",
                "\(plural(r.errorSummary.filesFailed, "file")), \(plural(r.errorSummary.itemsFailed, "item"))",
            ])
        }
        return table(rows, rightAligned: [3, 4, 5, 6, 7])
    }

    static func detail(_ r: SessionRecord) -> String {
        let perf = r.batchPerformance
        let errors = r.errorSummary
        var text = "Session \(r.sessionID) (\(r.status.rawValue)\(r.resumes > 0 ? ", resumed \(r.resumes)x" : ""))\n"
        text += "  started   \(r.startTime)   ended \(r.endTime ?? "-")\n"
        text += "  emails    \(r.totalEmails) found, \(r.successfulImports) new, \(r.duplicatesDetected) duplicates"
            + (r.otherItems > 0 ? "; \(r.otherItems) other items" : "") + "\n"
        text += "  contacts  \(r.contactsCreated) created\n"
        let kinds = errors.byKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        text += "  errors    \(plural(errors.filesFailed, "file")) failed, \(errors.filesPartial) partial, "
            + "\(plural(errors.itemsFailed, "item")) failed" + (kinds.isEmpty ? "" : " (\(kinds))") + "\n"
        text += "  speed     \(plural(perf.batches, "batch", "batches")), "
            + String(format: "%.0f emails/min, p50 %.1f ms, p95 %.1f ms per batch\n",
                     perf.emailsPerMinute, perf.p50BatchMs, perf.p95BatchMs)
        if let predicted = r.prediction {
            text += "  predicted \(PlanPrinter.duration(predicted.seconds))"
                + (predicted.peakRssKb.map { ", \(PlanPrinter.megabytes(Int64($0) * 1024))" } ?? "")
                + "; took \(PlanPrinter.duration(perf.durationSeconds))"
                + (r.peakRssKb.map { ", \(PlanPrinter.megabytes(Int64($0) * 1024))" } ?? "")
                + " (\(predicted.basis))\n"
        }
        guard !r.files.isEmpty else { return text }
        var rows = [["STATUS", "EMAILS", "NEW", "DUPS", "FAILED", "CUSTODIAN", "FILE"]]
        for file in r.files {
            rows.append([
                file.status.rawValue, "\(file.emails)", "\(file.newEmails)", "\(file.duplicates)", "\(file.itemsFailed)",
                file.custodian ?? "-",
                file.path + (file.error.map { "  (\($0))" } ?? ""),
            ])
        }
        return text + "\n" + table(rows, rightAligned: [1, 2, 3, 4])
    }

    static func plural(_ count: Int, _ noun: String, _ nouns: String? = nil) -> String {
        "\(count) \(count == 1 ? noun : nouns ?? noun + "s")"
    }

    /// Columns padded to their widest cell; the last column is never padded.
    static func table(_ rows: [[String]], rightAligned: Set<Int>) -> String {
        let rows = rows.map { row in
            row.enumerated().map { column, cell in
                let safe = terminalSafe(cell)
                // A custodian taken from a PST can be any length; only the last column may run on.
                return column < row.count - 1 && safe.count > 60 ? safe.prefix(59) + "…" : safe
            }
        }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                if column == row.count - 1 { return cell }
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
