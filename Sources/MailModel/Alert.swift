import Foundation

/// What an import run watches for.
public enum AlertKind: String, Sendable, Codable, CaseIterable {
    case lowThroughput = "low_throughput"
    case errorRate = "error_rate"
    case memory
    case diskFree = "disk_free"
    case slowFile = "slow_file"
    case anomaly
    case sessionComplete = "session_complete"

    /// As sentences show it: "low throughput".
    public var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}

public enum AlertSeverity: String, Sendable, Codable, CaseIterable {
    case info, warning, critical
}

/// Something a run noticed that its operator should know: raised by the monitor, shown on the
/// terminal and in the event log, kept in the store and listed by the reports, as this one value.
public struct Alert: Sendable, Equatable, Codable {
    public var kind: AlertKind
    public var severity: AlertSeverity
    public var path: String?
    public var message: String
    public var value: Double?
    public var threshold: Double?
    /// When it was raised, as the store keeps it (`Timestamp`).
    public var at: String

    public init(kind: AlertKind, severity: AlertSeverity, path: String? = nil, message: String, value: Double? = nil,
                threshold: Double? = nil, at: Date = Date()) {
        self.kind = kind
        self.severity = severity
        self.path = path
        self.message = message
        self.value = value
        self.threshold = threshold
        self.at = Timestamp.string(at)
    }
}
