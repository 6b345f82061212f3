import Foundation
import Ingest
import MailModel
import Store
import Synchronization

/// `--log-format json`: one JSON object per line for log shippers. Every event has `event`,
/// `at` and `session`; progress is written every `progressEvery`. The run ends with the
/// caller's `session_summary`.
final class JSONEventLog: MonitorSink {
    private let output: FileHandle
    private let progressEvery: Double
    private let lastProgress = Mutex<Double>(-Double.infinity)
    private let lock = Mutex(())

    init(output: FileHandle = .standardOutput, progressEvery: Double = 10) {
        self.output = output
        self.progressEvery = progressEvery
    }

    func handle(_ event: MonitorEvent, session: String?) {
        var fields: [String: Any]
        switch event {
        case .sessionStarted(_, let files, let bytes, let resumed):
            fields = ["event": "session_started", "files": files, "bytes": bytes, "resumed": resumed]
        case .fileStarted(let path, let size, let items):
            fields = ["event": "file_started", "path": path, "size": size, "items": items]
        case .fileFinished(let outcome, let size):
            fields = ["event": "file_finished", "path": outcome.path, "status": outcome.status.rawValue, "size": size,
                      "seconds": outcome.seconds, "emails": outcome.emails, "new_emails": outcome.newEmails,
                      "duplicates": outcome.duplicates, "items_failed": outcome.itemsFailed]
            if let error = outcome.error { fields["error"] = error }
        case .batch(let batch):
            fields = ["event": "batch", "path": batch.path, "items": batch.items, "emails": batch.emails,
                      "read_ms": batch.readMilliseconds, "write_ms": batch.writeMilliseconds]
            if let resources = batch.resources { fields.merge(Self.fields(resources)) { $1 } }
        case .failed(let path, let error):
            let isItem = error.itemID != nil || error.itemIndex != nil
            fields = ["event": "error", "path": path, "kind": error.kind.rawValue, "message": error.message,
                      "scope": isItem ? "item" : "file"]
            if let item = error.itemID { fields["item_id"] = item }
            if let folder = error.folderPath { fields["folder"] = folder }
        case .alert(let alert):
            fields = Self.fields(alert)
        case .progress(let progress):
            let due = lastProgress.withLock { last in
                guard progress.seconds - last >= progressEvery else { return false }
                last = progress.seconds
                return true
            }
            guard due else { return }
            fields = ["event": "progress", "seconds": progress.seconds, "files": progress.files,
                      "files_done": progress.filesDone, "items": progress.items,
                      "items_per_second": progress.itemsPerSecond, "errors": progress.errors,
                      "fraction": progress.fraction]
            if let eta = progress.etaSeconds { fields["eta_seconds"] = eta }
            fields.merge(Self.fields(progress.resources)) { $1 }
        }
        write(fields, session: session)
    }

    /// The last line: the session record, as `pstscope session --format json` gives it.
    func sessionSummary(_ json: Data, session: String) {
        guard let record = try? JSONSerialization.jsonObject(with: json) else { return }
        write(["event": "session_summary", "summary": record], session: session)
    }

    static func line(_ fields: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    private func write(_ fields: [String: Any], session: String?) {
        var fields = fields
        fields["at"] = Timestamp.string(Date())
        if let session { fields["session"] = session }
        let text = Self.line(fields) + "\n"
        lock.withLock { _ in output.write(Data(text.utf8)) }
    }

    /// An alert's event, as the log writes it and the alert command reads it.
    static func fields(_ alert: Alert) -> [String: Any] {
        var fields: [String: Any] = ["event": "alert", "kind": alert.kind.rawValue, "severity": alert.severity.rawValue,
                                     "message": alert.message]
        if let path = alert.path { fields["path"] = path }
        if let value = alert.value { fields["value"] = value }
        if let threshold = alert.threshold { fields["threshold"] = threshold }
        return fields
    }

    private static func fields(_ resources: ResourceReading) -> [String: Any] {
        var fields: [String: Any] = ["rss_kb": resources.rssKB, "cpu_percent": resources.cpuPercent]
        if let free = resources.diskFreeMB { fields["disk_free_mb"] = free }
        return fields
    }
}
