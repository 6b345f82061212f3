import Foundation
import MailModel
import Store
import Synchronization

/// How one file of a run ended.
public struct FileOutcome: Sendable, Equatable {
    public var path: String
    public var status: FileStatus
    public var error: String?
    public var seconds = 0.0
    public var emails = 0
    public var newEmails = 0
    public var duplicates = 0
    public var itemsFailed = 0
}

/// Receives a run's progress from the pipeline. Called from every worker thread:
/// implementations are thread-safe.
public protocol ImportMonitor: Sendable {
    func sessionStarted(id: String, files: Int, bytes: Int64, resumed: Bool)
    func fileStarted(path: String, size: Int64, items: Int)
    func itemsRead(_ count: Int, path: String)
    /// An item or a whole file failed.
    func failed(path: String, error: IncomingError)
    func fileFinished(_ outcome: FileOutcome, size: Int64)
    func batchWritten(_ batch: BatchEvent)
    /// A worker process started reading `path` / ended (its resources count until then). A
    /// large file may be read by several workers at once.
    func workerStarted(path: String, pid: pid_t)
    func workerEnded(path: String, pid: pid_t)
    func raise(_ alert: Alert)
    /// The run's latest resource reading, recorded with each batch.
    var resources: ResourceReading? { get }
    /// Set when the monitor raises alerts: the persist stage checks each file for anomalies.
    var alertThresholds: AlertThresholds? { get }
    /// Whether each batch leaves a row in batch_metrics.
    var collectsMetrics: Bool { get }
}

extension ImportMonitor {
    public func failed(path: String, error: IncomingError) {}
    public func batchWritten(_ batch: BatchEvent) {}
    public func workerStarted(path: String, pid: pid_t) {}
    public func workerEnded(path: String, pid: pid_t) {}
    public func raise(_ alert: Alert) {}
    public var resources: ResourceReading? { nil }
    public var alertThresholds: AlertThresholds? { nil }
    public var collectsMetrics: Bool { true }
}

/// One batch written to the store.
public struct BatchEvent: Sendable, Equatable {
    public var path: String
    public var items: Int
    public var emails: Int
    public var readMilliseconds: Double
    public var writeMilliseconds: Double
    public var resources: ResourceReading?
}

/// Says nothing: for tests and `--quiet`.
public struct SilentMonitor: ImportMonitor {
    public init() {}
    public func sessionStarted(id: String, files: Int, bytes: Int64, resumed: Bool) {}
    public func fileStarted(path: String, size: Int64, items: Int) {}
    public func itemsRead(_ count: Int, path: String) {}
    public func fileFinished(_ outcome: FileOutcome, size: Int64) {}
}
