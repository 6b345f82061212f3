import Foundation
import MailModel
import PSTReader
import Store

/// The persist stage for one file within a session: takes the read stage's records in order,
/// writes them in batches, and closes the file with its custodian, owner, X.500 resolutions
/// and status. One bad item never stops the file; a file that cannot be read, or whose reader
/// crashed or hung, is recorded as failed with the cause, and what was read of it is kept.
struct FileImporter {
    let store: AnalyticsStore
    let sessionID: String
    let custodian: String?
    let batchSize: Int
    let monitor: any ImportMonitor
    let control: RunControl
    let path: String
    /// Called once the reader has sent its last record, before the file's last batches are
    /// written: another file may then be read.
    let readingEnded: @Sendable () -> Void

    enum Next { case more, done }

    private let started = ContinuousClock.now
    private var opened: (file: OpenedFile, sourceFileID: Int64, writer: BatchWriter)?
    private(set) var outcome: FileOutcome?

    init(store: AnalyticsStore, sessionID: String, custodian: String?, batchSize: Int, monitor: any ImportMonitor,
         control: RunControl, path: String, readingEnded: @escaping @Sendable () -> Void = {}) {
        self.store = store
        self.sessionID = sessionID
        self.custodian = custodian
        self.batchSize = batchSize
        self.monitor = monitor
        self.control = control
        self.path = path
        self.readingEnded = readingEnded
    }

    /// Takes the next record. `.done` once the file has its outcome (finished, failed, or
    /// skipped as a copy of another input): the reader may then be stopped.
    /// Throws `RunControl.Stop` when the run is stopped (what was read is kept) and store errors.
    mutating func consume(_ record: ReadRecord) throws -> Next {
        switch record {
        case .failed(let kind, let message):
            readingEnded()
            try fail(kind: kind, message: message)
        case .opened(var file):
            var begun = try store.beginFile(path, facts: file.facts, session: sessionID)
            if case .sameContent(let twin) = begun,
               let fingerprint = Fingerprint.distinguishing(path, from: twin, sampled: file.facts.fingerprint) {
                // The twin matched the sample, not the bytes (say, a copy damaged in between):
                // skipped, this file's mail would be only what the twin could read.
                file.facts.fingerprint = fingerprint
                begun = try store.beginFile(path, facts: file.facts, session: sessionID)
            }
            switch begun {
            case .sameContent(let twin):
                let outcome = FileOutcome(path: path, status: .skipped, error: "same content as \(twin)",
                                          seconds: elapsed.seconds)
                self.outcome = outcome
                monitor.fileFinished(outcome, size: file.facts.size)
            case .read(let id, let readBefore):
                var template = Batch(sessionID: sessionID, path: path, sourceFileID: id)
                template.mayRepeat = readBefore
                template.recordsMetrics = monitor.collectsMetrics
                let writer = BatchWriter(store: store, template: template, size: batchSize, monitor: monitor)
                opened = (file, id, writer)
                monitor.fileStarted(path: path, size: file.facts.size, items: file.itemTotal)
                return .more
            }
        case .folder(let folder):
            opened?.writer.add(folder)
            return .more
        case .message(let message):
            try control.checkpoint()
            try opened?.writer.add(message)
            monitor.itemsRead(1, path: path)
            return .more
        case .problem(let problem):
            if problem.itemFailed { try control.checkpoint() }
            try opened?.writer.add(problem)
            if problem.itemFailed {
                monitor.itemsRead(1, path: path)
                monitor.failed(path: path, error: problem)
            }
            return .more
        case .finished(let x500, let fatal):
            readingEnded()
            try finish(x500: x500, problems: [opened?.file.truncation, fatal].compactMap { $0 }, fatal: fatal != nil)
        }
        return .done
    }

    /// Keeps what was read when the run stops mid-file; the resumed run skips it.
    mutating func flush() throws(StoreError) {
        try opened?.writer.flush()
    }

    /// The reader ended without finishing the file (it crashed, hung, or its stream broke):
    /// the file is failed with that cause; its items already read stay in the store.
    mutating func abandon(kind: ImportErrorKind, message: String) throws(StoreError) {
        guard outcome == nil else { return }
        guard var current = opened else { return try fail(kind: kind, message: message) }
        try current.writer.flush()  // the count includes the batch still pending
        let read = current.writer.totals.written + current.writer.totals.failedItems
        let detail = read > 0 ? "\(message); \(read) items read before it are kept" : message
        let error = IncomingError(kind: kind, message: detail, itemFailed: false)
        try current.writer.add(error)
        opened = current
        monitor.failed(path: path, error: error)
        try close(status: .failed, error: detail)
    }

    private mutating func finish(x500: [String: String], problems: [String], fatal: Bool) throws(StoreError) {
        guard var current = opened else { return try fail(kind: .corruptFile, message: "the file ended before it opened") }
        try current.writer.flush()  // its totals count the last batch's failed items too
        opened = current
        if fatal, current.writer.totals.written == 0 {
            let kind: ImportErrorKind = current.file.truncation != nil ? .truncatedFile : .corruptFile
            return try fail(kind: kind, message: problems.joined(separator: "; "))
        }
        let clean = problems.isEmpty && current.writer.totals.failedItems == 0
        try close(status: clean ? .imported : .partial, error: problems.isEmpty ? nil : problems.joined(separator: "; "),
                  x500: x500)
    }

    private mutating func close(status: FileStatus, error: String?, x500: [String: String] = [:]) throws(StoreError) {
        guard var current = opened else { return }
        try current.writer.flush()
        opened = current
        let owner = try store.sentItemsOwner(of: current.sourceFileID)
        let facts = current.file.facts
        let custodian = custodian ?? owner ?? Self.custodianName(displayName: facts.displayName, path: path)
        let readMilliseconds = elapsed.milliseconds
        try store.finishFile(
            path, session: sessionID, sourceFileID: current.sourceFileID, status: status, error: error,
            custodian: custodian, owner: owner, x500: x500, readMilliseconds: readMilliseconds)
        // The counts come from the store: on a resumed run they include what the first run wrote.
        var outcome = FileOutcome(path: path, status: status, error: error, seconds: readMilliseconds / 1000)
        if let entry = try store.fileEntry(path, session: sessionID) {
            outcome.emails = entry.emails
            outcome.newEmails = entry.newEmails
            outcome.duplicates = entry.duplicates
            outcome.itemsFailed = entry.itemsFailed
        }
        self.outcome = outcome
        monitor.fileFinished(outcome, size: facts.size)
        try checkAnomaly(custodian: custodian)
    }

    /// Compares the file with the custodian's other files, in this and earlier sessions.
    private func checkAnomaly(custodian: String) throws(StoreError) {
        guard let thresholds = monitor.alertThresholds else { return }
        let files = try store.fileVolumes(custodian: custodian)
        guard let file = files.last(where: { $0.path == path }),
              let alert = AnomalyCheck.evaluate(file, others: files, thresholds: thresholds) else { return }
        monitor.raise(alert)
    }

    private mutating func fail(kind: ImportErrorKind, message: String) throws(StoreError) {
        let error = IncomingError(kind: kind, message: message)
        try store.failFile(path, session: sessionID, error: error)
        monitor.failed(path: path, error: error)
        let outcome = FileOutcome(path: path, status: .failed, error: message, seconds: elapsed.seconds)
        self.outcome = outcome
        monitor.fileFinished(outcome, size: 0)
    }

    private var elapsed: Duration { ContinuousClock.now - started }

    /// The store's display name when it names someone, else the file name without extension.
    static func custodianName(displayName: String?, path: String) -> String {
        let generic: Set<String> = ["personal folders", "outlook data file", "outlook", "mailbox", "archive",
                                    "archives", "top of personal folders", "root - mailbox"]
        if var name = displayName?.trimmingCharacters(in: .whitespaces), !name.isEmpty {
            if name.lowercased().hasPrefix("mailbox - ") { name = String(name.dropFirst(10)) }
            if !generic.contains(name.lowercased()) { return name }
        }
        return URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }
}
