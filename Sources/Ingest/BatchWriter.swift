import Dispatch
import Foundation
import MailModel
import Store
import Synchronization

/// Collects a file's events into batches of `size` items and writes each in one transaction.
/// A full batch is written on the writer's own queue while the reader goes on with the next:
/// reading and writing overlap, and at most `inFlight` full batches wait, so memory stays
/// bounded. `flush` writes what is pending and waits for all of it.
struct BatchWriter {
    let template: Batch
    let size: Int
    let monitor: any ImportMonitor

    /// What this run wrote for the file: items recorded (new, duplicate or recorded before a
    /// resume) and items that failed. Complete after `flush`.
    struct Totals {
        var written = 0
        var failedItems = 0
    }

    var totals: Totals { queue.totals }
    private let queue: WriteQueue
    private var pending: Batch
    private var readStarted = ContinuousClock.now

    init(store: AnalyticsStore, template: Batch, size: Int, monitor: any ImportMonitor, inFlight: Int = 2) {
        self.template = template
        self.size = size
        self.monitor = monitor
        queue = WriteQueue(store: store, monitor: monitor, inFlight: inFlight)
        pending = template
    }

    mutating func add(_ folder: IncomingFolder) {
        pending.folders.append(folder)
    }

    mutating func add(_ message: IncomingMessage) throws(StoreError) {
        pending.messages.append(message)
        if isFull { try handOver() }
    }

    mutating func add(_ failure: IncomingError) throws(StoreError) {
        pending.failures.append(failure)
        if isFull { try handOver() }
    }

    /// Writes what is pending and waits until every batch is in the store.
    mutating func flush() throws(StoreError) {
        try handOver()
        try queue.wait()
    }

    private var isFull: Bool { pending.messages.count + pending.failures.count >= size }

    private mutating func handOver() throws(StoreError) {
        guard !pending.messages.isEmpty || !pending.failures.isEmpty || !pending.folders.isEmpty else { return }
        pending.readMilliseconds = (ContinuousClock.now - readStarted).milliseconds
        pending.resources = monitor.resources
        try queue.submit(pending)
        pending = template
        readStarted = .now
    }
}

/// The batches of one file on their way into the store, written one at a time in order.
/// After a failed write nothing more is written, and the error is thrown to the reader at its
/// next hand-over or wait: the store holds every batch before the failed one and none after.
private final class WriteQueue: Sendable {
    private let store: AnalyticsStore
    private let monitor: any ImportMonitor
    private let queue = DispatchQueue(label: "pstscope.batch-writer")
    private let slots: DispatchSemaphore
    private let state = Mutex(State())

    private struct State {
        var totals = BatchWriter.Totals()
        var error: StoreError?
    }

    init(store: AnalyticsStore, monitor: any ImportMonitor, inFlight: Int) {
        self.store = store
        self.monitor = monitor
        slots = DispatchSemaphore(value: max(1, inFlight))
    }

    var totals: BatchWriter.Totals { state.withLock { $0.totals } }

    func submit(_ batch: Batch) throws(StoreError) {
        slots.wait()
        if let error = state.withLock({ $0.error }) {
            slots.signal()
            throw error
        }
        queue.async { [self] in
            defer { slots.signal() }
            guard state.withLock({ $0.error == nil }) else { return }
            let started = ContinuousClock.now
            do throws(StoreError) {
                let outcome = try store.write(batch)
                monitor.batchWritten(BatchEvent(
                    path: batch.path, items: batch.messages.count + batch.failures.count, emails: outcome.emails,
                    readMilliseconds: batch.readMilliseconds, writeMilliseconds: (ContinuousClock.now - started).milliseconds,
                    resources: batch.resources))
                state.withLock {
                    $0.totals.written += outcome.new + outcome.duplicates + outcome.alreadyRecorded
                    $0.totals.failedItems += batch.failures.filter(\.itemFailed).count
                }
            } catch {
                state.withLock { $0.error = error }
            }
        }
    }

    /// Returns once every submitted batch is written; throws the first write error.
    func wait() throws(StoreError) {
        queue.sync {}
        if let error = state.withLock({ $0.error }) { throw error }
    }
}
