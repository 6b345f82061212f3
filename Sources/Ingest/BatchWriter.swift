import Foundation
import Store

/// Collects a file's events into batches of `size` items and writes each in one transaction.
struct BatchWriter {
    let store: AnalyticsStore
    let template: Batch
    let size: Int
    let monitor: any ImportMonitor

    /// What this run wrote for the file: items recorded (new, duplicate or recorded before a
    /// resume) and items that failed.
    struct Totals {
        var written = 0
        var failedItems = 0
    }

    private(set) var totals = Totals()
    private var pending: Batch
    private var readStarted = ContinuousClock.now

    init(store: AnalyticsStore, template: Batch, size: Int, monitor: any ImportMonitor) {
        self.store = store
        self.template = template
        self.size = size
        self.monitor = monitor
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
        pending.resources = monitor.resources
        let writeStarted = ContinuousClock.now
        let outcome = try store.write(pending)
        monitor.batchWritten(BatchEvent(
            path: pending.path, items: pending.messages.count + pending.failures.count, emails: outcome.emails,
            readMilliseconds: pending.readMilliseconds, writeMilliseconds: (ContinuousClock.now - writeStarted).milliseconds,
            resources: pending.resources))
        totals.written += outcome.new + outcome.duplicates + outcome.alreadyRecorded
        totals.failedItems += pending.failures.filter(\.itemFailed).count
        pending = template
        readStarted = .now
    }
}
