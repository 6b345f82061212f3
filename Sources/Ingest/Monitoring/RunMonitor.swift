import Foundation
import MailModel
import Store
import Synchronization

/// What a monitor tells its sinks (the console display, the JSON event log, the alert command).
public enum MonitorEvent: Sendable {
    case sessionStarted(id: String, files: Int, bytes: Int64, resumed: Bool)
    case fileStarted(path: String, size: Int64, items: Int)
    case fileFinished(FileOutcome, size: Int64)
    case batch(BatchEvent)
    case failed(path: String, error: IncomingError)
    case alert(Alert)
    case progress(RunProgress)
}

public protocol MonitorSink: Sendable {
    func handle(_ event: MonitorEvent, session: String?)
}

/// The run as the sampler last saw it.
public struct RunProgress: Sendable {
    public struct Worker: Sendable {
        public var path: String
        public var read: Int
        public var items: Int
        public var itemsPerSecond: Double
    }

    public var seconds: Double
    public var files: Int
    public var filesDone: Int
    public var items: Int
    public var itemsPerSecond: Double
    public var errors: Int
    /// Of the session's bytes, counting files in progress by the share of their items read.
    public var fraction: Double
    public var etaSeconds: Double?
    public var resources: ResourceReading
    public var workers: [Worker]
}

/// The import's monitor: counts what the pipeline reports, samples throughput, memory (this
/// process and its workers), CPU and free disk every `interval`, raises alerts on the
/// thresholds, stores alerts and the peak memory, and passes everything to its sinks.
/// Without `collecting` (`import --no-monitor`) it only passes the pipeline's events on: no
/// sampling, no alerts, no batch metrics, no peak memory.
public final class RunMonitor: ImportMonitor {
    private struct ActiveFile {
        /// The file's size while it is being read; nil while its worker opens it or after the end.
        var size: Int64?
        var items = 0
        var read = 0
        var started = ContinuousClock.now
        /// The file's live workers.
        var pids: Set<pid_t> = []
    }

    private struct State {
        var session: String?
        var files = 0
        var filesDone = 0
        var bytes: Int64 = 0
        var bytesDone: Int64 = 0
        var items = 0
        var errors = 0
        var started = ContinuousClock.now
        var active: [String: ActiveFile] = [:]
        /// Bytes and seconds of the files read to the end, for the rate that predicts a file's time.
        var readBytes: Int64 = 0
        var readSeconds = 0.0
        /// (seconds into the run, items read) at each sample, for the recent throughput.
        var history: [(Double, Int)] = []
        var cpu: [pid_t: Double] = [:]
        var lastSampleSeconds: Double?
        var resources: ResourceReading?
        var peakKB = 0
        var evaluator: AlertEvaluator
    }

    private let state: Mutex<State>
    private let sinks: [any MonitorSink]
    private let store: AnalyticsStore?
    private let interval: Duration
    private let running = Atomic<Bool>(false)
    private let sampler = Mutex<Thread?>(nil)
    private let stopped = DispatchSemaphore(value: 0)
    public let thresholds: AlertThresholds
    public let collecting: Bool
    public var alertThresholds: AlertThresholds? { collecting ? thresholds : nil }
    public var collectsMetrics: Bool { collecting }

    /// `store`: where alerts and the peak memory are kept (and whose volume's free space is watched).
    public init(store: AnalyticsStore?, thresholds: AlertThresholds = AlertThresholds(), sinks: [any MonitorSink],
                interval: Duration = .milliseconds(500), collecting: Bool = true) {
        self.store = store
        self.thresholds = thresholds
        self.sinks = sinks
        self.interval = interval
        self.collecting = collecting
        state = Mutex(State(evaluator: AlertEvaluator(thresholds: thresholds)))
    }

    public func sessionStarted(id: String, files: Int, bytes: Int64, resumed: Bool) {
        state.withLock {
            $0.session = id
            $0.files = files
            $0.bytes = bytes
            $0.started = .now
        }
        send(.sessionStarted(id: id, files: files, bytes: bytes, resumed: resumed))
        startSampling()
    }

    public func fileStarted(path: String, size: Int64, items: Int) {
        state.withLock {
            let worker = $0.active[path]
            $0.active[path] = ActiveFile(size: size, items: items, started: worker?.started ?? .now, pids: worker?.pids ?? [])
        }
        send(.fileStarted(path: path, size: size, items: items))
    }

    public func itemsRead(_ count: Int, path: String) {
        state.withLock {
            $0.items += count
            $0.active[path]?.read += count
        }
    }

    public func failed(path: String, error: IncomingError) {
        state.withLock { $0.errors += 1 }
        send(.failed(path: path, error: error))
    }

    public func fileFinished(_ outcome: FileOutcome, size: Int64) {
        state.withLock {
            $0.filesDone += 1
            $0.bytesDone += size
            if let file = $0.active[outcome.path], outcome.status != .failed, outcome.status != .skipped {
                $0.readBytes += file.size ?? 0
                $0.readSeconds += (ContinuousClock.now - file.started).seconds
            }
            // Done reading; a worker's entry stays until it exits, for its memory and CPU.
            if $0.active[outcome.path]?.pids.isEmpty ?? true {
                $0.active[outcome.path] = nil
            } else {
                $0.active[outcome.path]?.size = nil
            }
        }
        send(.fileFinished(outcome, size: size))
    }

    public func batchWritten(_ batch: BatchEvent) {
        send(.batch(batch))
    }

    public func workerStarted(path: String, pid: pid_t) {
        state.withLock {
            if $0.active[path]?.pids.isEmpty ?? true { $0.active[path, default: ActiveFile()].started = .now }
            $0.active[path, default: ActiveFile()].pids.insert(pid)
        }
    }

    /// The file's entry goes with its last worker.
    public func workerEnded(path: String, pid: pid_t) {
        state.withLock {
            $0.active[path]?.pids.remove(pid)
            if $0.active[path]?.pids.isEmpty ?? false { $0.active[path] = nil }
        }
    }

    public func raise(_ alert: Alert) {
        guard collecting else { return }
        // What the run's last moments crossed is told before the session's end.
        if alert.kind == .sessionComplete { sample() }
        let session = state.withLock { $0.session }
        if let session { try? store?.recordAlert(alert, session: session) }
        send(.alert(alert))
    }

    public var resources: ResourceReading? {
        state.withLock { $0.resources }
    }

    /// Stops sampling after one last sample, and keeps the peak memory with the session.
    public func finish() {
        if running.exchange(false, ordering: .relaxed) { stopped.wait() }
        guard collecting else { return }
        sample()
        let (session, peak) = state.withLock { ($0.session, $0.peakKB) }
        if let session, peak > 0 { try? store?.recordPeakMemory(peak, session: session) }
    }

    private func startSampling() {
        guard collecting, !running.exchange(true, ordering: .relaxed) else { return }
        sample()  // the first batches get a reading too
        let thread = Thread { [self] in
            while running.load(ordering: .relaxed) {
                Thread.sleep(forTimeInterval: interval.seconds)
                sample()
            }
            stopped.signal()
        }
        thread.name = "pstscope monitor"
        thread.start()
    }

    /// One sample: resources of this process and every live worker, throughput, alerts.
    private func sample() {
        let pids = state.withLock { $0.active.values.flatMap(\.pids) }
        var usages: [pid_t: ProcessStats.Usage] = [:]
        for pid in [getpid()] + pids { usages[pid] = ProcessStats.usage(of: pid) }
        let diskFree = store.flatMap { ProcessStats.diskFreeMB(at: URL(fileURLWithPath: $0.path).deletingLastPathComponent().path) }
        let (progress, alerts) = state.withLock { state -> (RunProgress, [Alert]) in
            let now = ContinuousClock.now
            let seconds = (now - state.started).seconds
            // CPU: the time each process used since the last sample (a new worker from zero).
            var cpuDelta = 0.0
            for (pid, usage) in usages {
                cpuDelta += max(0, usage.cpuSeconds - (state.cpu[pid] ?? 0))
                state.cpu[pid] = usage.cpuSeconds
            }
            // The first sample is the baseline: what the process used before the run is not the run's.
            let elapsed = state.lastSampleSeconds.map { seconds - $0 } ?? 0
            state.lastSampleSeconds = seconds
            let rss = usages.values.reduce(0) { $0 + $1.rssKB }
            state.peakKB = max(state.peakKB, rss)
            let resources = ResourceReading(
                rssKB: rss, cpuPercent: elapsed > 0 ? cpuDelta / elapsed * 100 : 0, diskFreeMB: diskFree)
            state.resources = resources

            state.history.append((seconds, state.items))
            let window = state.evaluator.thresholds.minThroughputSeconds
            // Keep one sample at least `window` old: the rate is over the window, or a bit more.
            while state.history.count > 1, seconds - state.history[1].0 >= window {
                state.history.removeFirst()
            }
            var recent: Double? = nil
            if let first = state.history.first, seconds - first.0 >= window, seconds > first.0 {
                recent = Double(state.items - first.1) / (seconds - first.0)
            }
            let reading = state.active.compactMapValues { file in file.size.map { (file: file, size: $0) } }
            let sample = RunSample(
                seconds: seconds, recentThroughput: recent, itemsRead: state.items, filesFinished: state.filesDone,
                errors: state.errors, rssKB: rss, diskFreeMB: diskFree,
                active: reading.map { .init(path: $0.key, size: $0.value.size, seconds: (now - $0.value.file.started).seconds) },
                bytesPerSecond: state.readSeconds > 1 ? Double(state.readBytes) / state.readSeconds : nil)
            let alerts = state.evaluator.evaluate(sample)

            let partial = reading.values.reduce(0.0) {
                $0 + Double($1.size) * ($1.file.items > 0 ? min(1, Double($1.file.read) / Double($1.file.items)) : 0)
            }
            let fraction = state.bytes > 0 ? min(1, (Double(state.bytesDone) + partial) / Double(state.bytes)) : 0
            let workers = reading.sorted { $0.key < $1.key }.map { path, entry in
                let file = entry.file
                return RunProgress.Worker(path: path, read: file.read, items: file.items,
                                itemsPerSecond: Double(file.read) / max(0.001, (now - file.started).seconds))
            }
            let progress = RunProgress(
                seconds: seconds, files: state.files, filesDone: state.filesDone, items: state.items,
                itemsPerSecond: Double(state.items) / max(0.001, seconds), errors: state.errors,
                fraction: fraction, etaSeconds: fraction > 0.01 ? seconds * (1 - fraction) / fraction : nil,
                resources: resources, workers: workers)
            return (progress, alerts)
        }
        for alert in alerts { raise(alert) }
        send(.progress(progress))
    }

    private func send(_ event: MonitorEvent) {
        let session = state.withLock { $0.session }
        for sink in sinks { sink.handle(event, session: session) }
    }
}
