import Foundation
import Ingest
import MailModel

/// `import --plan` as a table and as JSON.
enum PlanPrinter {
    static func text(_ plan: ImportPlan) -> String {
        var rows = [["FORMAT", "SIZE", "ITEMS", "FILE"]]
        for file in plan.files {
            let items = file.problem != nil && file.size == 0 ? "-" : (file.itemsCounted ? "" : "~") + grouped(file.items)
            rows.append([file.format ?? "-", megabytes(file.size), items,
                         terminalSafe(file.path) + (file.problem.map { "  (" + terminalSafe($0) + ")" } ?? "")])
        }
        var out = SessionPrinter.table(rows, rightAligned: [1, 2]) + "\n"
        out += "\(SessionPrinter.plural(plan.files.count, "file")), \(megabytes(plan.bytes)), about \(grouped(plan.items)) items"
            + (plan.files.contains { !$0.itemsCounted && $0.size > 0 } ? " (~: estimated from the size)" : "") + "\n"
        let p = plan.prediction
        out += "Predicted with --jobs \(plan.jobs): " + duration(p.seconds)
            + (p.peakRssKb.map { ", peak memory \(megabytes(Int64($0) * 1024))" } ?? "") + " (\(p.basis))\n"
        return out
    }

    static func megabytes(_ bytes: Int64) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }

    static func duration(_ seconds: Double) -> String {
        seconds < 120 ? String(format: "%.1f s", seconds) : String(format: "%.0f min %02.0f s", (seconds / 60).rounded(.down),
                                                                     seconds.truncatingRemainder(dividingBy: 60))
    }
}

/// The plan as `import --plan --format json` writes it.
struct PlanDocument: Encodable {
    struct File: Encodable {
        var path: String
        @Nullable var format: String?
        var size: Int64
        var items: Int
        var itemsCounted: Bool
        @Nullable var problem: String?
    }

    var jobs: Int
    var files: [File]
    var items: Int
    var bytes: Int64
    var prediction: ImportPrediction

    init(_ plan: ImportPlan) {
        jobs = plan.jobs
        files = plan.files.map { File(path: $0.path, format: $0.format, size: $0.size, items: $0.items,
                                      itemsCounted: $0.itemsCounted, problem: $0.problem) }
        items = plan.items
        bytes = plan.bytes
        prediction = plan.prediction
    }
}
