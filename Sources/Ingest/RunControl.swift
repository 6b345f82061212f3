import Foundation
import Store
import Synchronization

/// Stops a run cleanly (Ctrl-C, SIGTERM) and paces it (`--max-rate`). Shared by all workers.
public final class RunControl: Sendable {
    /// Thrown from inside a read to unwind it; the session is then marked interrupted.
    struct Stop: Error {}

    private let stopRequested = Atomic<Bool>(false)
    private let maxRate: Double?
    private let pace = Mutex<(started: ContinuousClock.Instant, items: Int)>((.now, 0))

    /// `maxRate`: items per second over the whole run, nil for as fast as possible.
    public init(maxRate: Double? = nil) {
        self.maxRate = maxRate
    }

    public func requestStop() {
        stopRequested.store(true, ordering: .relaxed)
    }

    public var isStopRequested: Bool {
        stopRequested.load(ordering: .relaxed)
    }

    /// Called once per item: throws when a stop was requested, sleeps when ahead of the pace.
    func checkpoint() throws {
        if isStopRequested { throw Stop() }
        guard let maxRate else { return }
        let wait: Double = pace.withLock { pace in
            pace.items += 1
            let due = Double(pace.items) / maxRate
            return due - (ContinuousClock.now - pace.started).seconds
        }
        if wait > 0 { Thread.sleep(forTimeInterval: wait) }
    }
}
