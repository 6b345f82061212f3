import Foundation
import MailModel
import Store

/// When a run raises an alert. Every threshold has a default fit for a long unattended batch;
/// `pstscope.toml`'s `[alerts]` table and `--alert KEY=VALUE` override them by the same keys.
public struct AlertThresholds: Sendable, Equatable {
    /// Overall emails per second below this for `minThroughputSeconds` (after the run's first such span).
    public var minThroughput = 20.0
    public var minThroughputSeconds = 120.0
    /// Failed items and files over items and files read, once `errorRateMinimumItems` are read.
    public var maxErrorRate = 0.05
    public var errorRateMinimumItems = 50.0
    /// Resident memory of the importing processes together.
    public var maxMemoryMB = 4096.0
    /// Free space on the store's volume.
    public var minDiskFreeMB = 1024.0
    /// A file still reading after `slowFileFactor` times what its size predicts (at the run's
    /// rate so far, else `expectedMBPerSecond`), and at least `slowFileMinimumSeconds`.
    public var slowFileFactor = 5.0
    public var slowFileMinimumSeconds = 60.0
    public var expectedMBPerSecond = 1.0
    /// A file holding this many times more (or fewer) messages than the custodian's median file.
    public var anomalyVolumeFactor = 10.0
    /// A file whose dates lie this many years outside the custodian's other files.
    public var anomalyYears = 2.0

    public init() {}

    /// Every key, as written in `pstscope.toml` and `--alert`.
    public static var keys: [String: WritableKeyPath<AlertThresholds, Double>] { [
        "min_throughput": \.minThroughput, "min_throughput_seconds": \.minThroughputSeconds,
        "max_error_rate": \.maxErrorRate, "error_rate_minimum_items": \.errorRateMinimumItems,
        "max_memory_mb": \.maxMemoryMB, "min_disk_free_mb": \.minDiskFreeMB,
        "slow_file_factor": \.slowFileFactor, "slow_file_minimum_seconds": \.slowFileMinimumSeconds,
        "expected_mb_per_second": \.expectedMBPerSecond, "anomaly_volume_factor": \.anomalyVolumeFactor,
        "anomaly_years": \.anomalyYears,
    ] }

    public mutating func set(_ key: String, to value: Double) throws(AlertSettingError) {
        guard let path = Self.keys[key] else { throw .unknownKey(key) }
        guard value.isFinite, value >= 0 else { throw .badValue(key) }
        self[keyPath: path] = value
    }
}

public enum AlertSettingError: Error, Equatable, CustomStringConvertible {
    case unknownKey(String)
    case badValue(String)

    public var description: String {
        switch self {
        case .unknownKey(let key):
            "unknown alert setting \(key) (known: \(AlertThresholds.keys.keys.sorted().joined(separator: ", ")))"
        case .badValue(let key): "alert setting \(key) must be a number, 0 or more"
        }
    }
}

/// What the monitor knows of the run at one moment.
struct RunSample {
    struct ActiveFile {
        var path: String
        var size: Int64
        var seconds: Double
    }

    var seconds: Double
    /// Emails per second over the last `minThroughputSeconds`, nil until the run is that old.
    var recentThroughput: Double?
    var itemsRead: Int
    var filesFinished: Int
    var errors: Int
    var rssKB: Int
    var diskFreeMB: Int?
    var active: [ActiveFile]
    /// Bytes per second of the files finished so far, nil before the first.
    var bytesPerSecond: Double?
}

/// Turns samples into alerts. A condition alerts once when it starts and again only after it
/// has cleared (a file, once).
struct AlertEvaluator {
    let thresholds: AlertThresholds
    private var active: Set<AlertKind> = []
    private var slowFiles: Set<String> = []

    init(thresholds: AlertThresholds) {
        self.thresholds = thresholds
    }

    mutating func evaluate(_ sample: RunSample) -> [Alert] {
        var alerts: [Alert] = []
        func check(_ kind: AlertKind, _ firing: Bool, _ make: () -> Alert) {
            if firing && !active.contains(kind) { alerts.append(make()) }
            if firing { active.insert(kind) } else { active.remove(kind) }
        }
        let t = thresholds
        if let rate = sample.recentThroughput, !sample.active.isEmpty {
            check(.lowThroughput, rate < t.minThroughput) {
                Alert(kind: .lowThroughput, severity: .warning,
                      message: String(format: "throughput %.1f emails/s over the last %.0f s is below %.1f",
                                      rate, t.minThroughputSeconds, t.minThroughput),
                      value: rate, threshold: t.minThroughput)
            }
        }
        let processed = sample.itemsRead + sample.filesFinished
        let errorRate = Double(sample.errors) / Double(max(1, processed))
        check(.errorRate, Double(processed) >= t.errorRateMinimumItems && errorRate > t.maxErrorRate) {
            Alert(kind: .errorRate, severity: .critical,
                  message: String(format: "error rate %.2f%% (%d failed of %d items and files) is above %.2f%%",
                                  errorRate * 100, sample.errors, processed, t.maxErrorRate * 100),
                  value: errorRate, threshold: t.maxErrorRate)
        }
        let megabytes = Double(sample.rssKB) / 1024
        check(.memory, megabytes > t.maxMemoryMB) {
            Alert(kind: .memory, severity: .warning,
                  message: String(format: "resident memory %.0f MB is above %.0f MB", megabytes, t.maxMemoryMB),
                  value: megabytes, threshold: t.maxMemoryMB)
        }
        if let free = sample.diskFreeMB {
            check(.diskFree, Double(free) < t.minDiskFreeMB) {
                Alert(kind: .diskFree, severity: .critical,
                      message: String(format: "free space beside the store %d MB is below %.0f MB", free, t.minDiskFreeMB),
                      value: Double(free), threshold: t.minDiskFreeMB)
            }
        }
        let rate = sample.bytesPerSecond ?? t.expectedMBPerSecond * 1_000_000
        for file in sample.active where !slowFiles.contains(file.path) && rate > 0 {
            let predicted = Double(file.size) / rate
            let limit = max(t.slowFileMinimumSeconds, t.slowFileFactor * predicted)
            guard file.seconds > limit else { continue }
            slowFiles.insert(file.path)
            alerts.append(Alert(
                kind: .slowFile, severity: .warning, path: file.path,
                message: String(format: "reading for %.0f s, over %.1f× the %.1f s its size predicts",
                                file.seconds, t.slowFileFactor, predicted),
                value: file.seconds, threshold: limit))
        }
        return alerts
    }
}

/// A file far off the custodian's other files: by volume against their median, or by dates
/// outside their range. Needs at least two other files with mail to compare with.
enum AnomalyCheck {
    static func evaluate(_ file: FileVolume, others: [FileVolume], thresholds: AlertThresholds) -> Alert? {
        let peers = others.filter { $0.path != file.path && $0.messages > 0 }
        guard peers.count >= 2, file.messages > 0 else { return nil }
        let median = Statistics.median(peers.map { Double($0.messages) })!
        let ratio = Double(file.messages) / median
        if ratio >= thresholds.anomalyVolumeFactor || ratio <= 1 / thresholds.anomalyVolumeFactor {
            return Alert(
                kind: .anomaly, severity: .warning, path: file.path,
                message: String(format: "%d messages, %.1f× the median (%.0f) of the custodian's other %d files",
                                file.messages, ratio, median, peers.count),
                value: ratio, threshold: thresholds.anomalyVolumeFactor)
        }
        let firsts = peers.compactMap(\.firstDate)
        let lasts = peers.compactMap(\.lastDate)
        guard let first = file.firstDate, let last = file.lastDate, let earliest = firsts.min(), let latest = lasts.max()
        else { return nil }
        let year = 365.25 * 86_400
        let distance = Double(max(earliest - last, first - latest, 0)) / year
        guard distance > thresholds.anomalyYears else { return nil }
        return Alert(
            kind: .anomaly, severity: .warning, path: file.path,
            message: String(format: "its mail lies %.1f years outside the dates of the custodian's other %d files",
                            distance, peers.count),
            value: distance, threshold: thresholds.anomalyYears)
    }
}
