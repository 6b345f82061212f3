import Foundation
import PSTReader
import Store

/// Imports one file within a session: open, read in batches, close with the file's
/// custodian, owner, X.500 resolutions and status. One bad item never stops the file;
/// a file that cannot be read is recorded as failed and the run goes on.
struct FileImporter {
    let store: AnalyticsStore
    let sessionID: String
    let custodian: String?
    let batchSize: Int
    let monitor: any ImportMonitor
    let control: RunControl

    /// Folder names that mean Sent Items when the message store does not say which it is.
    static let sentFolderNames: Set<String> = [
        "sent items", "sent", "sent mail", "sent messages", "gesendete elemente", "gesendete objekte",
        "éléments envoyés", "elementos enviados", "posta inviata", "verzonden items", "skickat",
    ]

    func run(path: String) throws -> FileOutcome {
        let started = ContinuousClock.now
        let file: PSTFile
        do {
            file = try PSTFile(path: path)
        } catch {
            return try fail(path, kind: error.kind, message: error.description, started: started)
        }
        let fingerprint: String
        do {
            fingerprint = try Fingerprint.of(path: path, size: file.info.size)
        } catch {
            return try fail(path, kind: "io_error", message: "cannot read: \(error.localizedDescription)", started: started)
        }
        let facts = SourceFileFacts(
            fingerprint: fingerprint, path: path, size: file.info.size, format: file.info.format.rawValue,
            contentType: file.info.contentType.rawValue, encryption: file.info.encryption.rawValue,
            displayName: file.info.displayName)
        let sourceFileID: Int64
        switch try store.beginFile(path, facts: facts, session: sessionID) {
        case .sameContent(let twin):
            let outcome = FileOutcome(
                path: path, status: "skipped", error: "same content as \(twin)",
                seconds: (ContinuousClock.now - started).seconds)
            monitor.fileFinished(outcome, size: file.info.size)
            return outcome
        case .read(let id):
            sourceFileID = id
        }

        let itemTotal = (try? file.folders().reduce(0) { $0 + $1.itemCount }) ?? 0
        monitor.fileStarted(path: path, size: file.info.size, items: itemTotal)

        var writer = BatchWriter(
            store: store, template: Batch(sessionID: sessionID, path: path, sourceFileID: sourceFileID),
            size: batchSize)
        var fatal: String? = nil
        do {
            try file.read { event in
                try control.checkpoint()
                switch event {
                case .folder(let folder):
                    let name = folder.path.split(separator: "/").last.map { $0.lowercased() } ?? ""
                    writer.add(IncomingFolder(
                        nodeID: folder.identifier, path: folder.path, itemCount: folder.itemCount,
                        isSentItems: folder.isSentItems || Self.sentFolderNames.contains(name)))
                case .item(let item):
                    try writer.add(Normalizer.message(item))
                    if !item.unreadableProperties.isEmpty {
                        try writer.add(IncomingError(
                            itemID: item.identifier, folderPath: item.folderPath, kind: "unreadable_property",
                            message: "imported without " + item.unreadableProperties.joined(separator: ", "),
                            itemFailed: false))
                    }
                    monitor.itemsRead(1, path: path)
                case .failure(let failure):
                    try writer.add(IncomingError(
                        itemID: failure.identifier, itemIndex: failure.index, folderPath: failure.folderPath,
                        kind: "unreadable_item", message: failure.reason))
                    monitor.itemsRead(1, path: path)
                }
            }
            try writer.flush()
        } catch let error as PSTOpenError {
            fatal = error.description
        } catch let error as StoreError {
            throw error
        } catch let stop as RunControl.Stop {
            try writer.flush()  // what was read is kept; the resumed run skips it
            throw stop
        } catch {
            fatal = String(describing: error)
        }
        var problems: [String] = []
        if file.info.isTruncated {
            problems.append("truncated: the header declares \(file.info.declaredSize) bytes, the file has \(file.info.size)")
        }
        if let fatal { problems.append(fatal) }
        if fatal != nil, writer.totals.written == 0 {
            let kind = file.info.isTruncated ? "truncated_file" : "corrupt_file"
            return try fail(path, kind: kind, message: problems.joined(separator: "; "), started: started)
        }
        let status = problems.isEmpty && writer.totals.failedItems == 0 ? "imported" : "partial"
        let owner = try store.sentItemsOwner(of: sourceFileID)
        let custodian = custodian ?? owner ?? Self.custodianName(displayName: file.info.displayName, path: path)
        let readMilliseconds = (ContinuousClock.now - started).milliseconds
        let error = problems.isEmpty ? nil : problems.joined(separator: "; ")
        try store.finishFile(
            path, session: sessionID, sourceFileID: sourceFileID, status: status, error: error,
            custodian: custodian, owner: owner, x500: file.x500Map.smtpByDN, readMilliseconds: readMilliseconds)
        // The counts come from the store: on a resumed run they include what the first run wrote.
        var outcome = FileOutcome(path: path, status: status, error: error, seconds: readMilliseconds / 1000)
        if let entry = try store.fileEntry(path, session: sessionID) {
            outcome.emails = entry.emails
            outcome.newEmails = entry.newEmails
            outcome.duplicates = entry.duplicates
            outcome.itemsFailed = entry.itemsFailed
        }
        monitor.fileFinished(outcome, size: file.info.size)
        return outcome
    }

    private func fail(_ path: String, kind: String, message: String, started: ContinuousClock.Instant) throws(StoreError) -> FileOutcome {
        try store.failFile(path, session: sessionID, error: IncomingError(kind: kind, message: message))
        let outcome = FileOutcome(
            path: path, status: "failed", error: message, seconds: (ContinuousClock.now - started).seconds)
        monitor.fileFinished(outcome, size: 0)
        return outcome
    }

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

/// Collects a file's events into batches of `size` items and writes each in one transaction.
struct BatchWriter {
    let store: AnalyticsStore
    let template: Batch
    let size: Int

    /// What this run wrote for the file: items recorded (new, duplicate or recorded before a
    /// resume) and items that failed.
    struct Totals {
        var written = 0
        var failedItems = 0
    }

    private(set) var totals = Totals()
    private var pending: Batch
    private var readStarted = ContinuousClock.now

    init(store: AnalyticsStore, template: Batch, size: Int) {
        self.store = store
        self.template = template
        self.size = size
        pending = template
    }

    mutating func add(_ folder: IncomingFolder) {
        pending.folders.append(folder)
    }

    mutating func add(_ message: IncomingMessage) throws(StoreError) {
        pending.messages.append(message)
        try flushIfFull()
    }

    mutating func add(_ failure: IncomingError) throws(StoreError) {
        pending.failures.append(failure)
        try flushIfFull()
    }

    private mutating func flushIfFull() throws(StoreError) {
        if pending.messages.count + pending.failures.count >= size { try flush() }
    }

    mutating func flush() throws(StoreError) {
        guard !pending.messages.isEmpty || !pending.failures.isEmpty || !pending.folders.isEmpty else { return }
        pending.readMilliseconds = (ContinuousClock.now - readStarted).milliseconds
        let outcome = try store.write(pending)
        totals.written += outcome.new + outcome.duplicates + outcome.alreadyRecorded
        totals.failedItems += pending.failures.filter(\.itemFailed).count
        pending = template
        readStarted = .now
    }
}
