import Foundation
import MailModel
import PSTReader
import Store
import Synchronization

/// What `pstscope import` was asked to do.
public struct ImportOptions: Sendable {
    public var paths: [String]
    public var jobs: Int
    public var resume: Bool
    public var custodian: String?
    public var batchSize: Int
    public var command: String
    /// The binary to run as `EXECUTABLE worker PATH`, one process per file; nil reads in process
    /// (no crash isolation).
    public var workerExecutable: String?
    /// A worker silent this long is taken as hung: killed, and its file failed.
    public var workerTimeout: Double

    public init(
        paths: [String], jobs: Int = 1, resume: Bool = false, custodian: String? = nil, batchSize: Int = 2000,
        command: String = "pstscope import", workerExecutable: String? = nil, workerTimeout: Double = 600
    ) {
        self.paths = paths
        self.jobs = jobs
        self.resume = resume
        self.custodian = custodian
        self.batchSize = batchSize
        self.command = command
        self.workerExecutable = workerExecutable
        self.workerTimeout = workerTimeout
    }
}

public enum ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    case nothingToResume
    case store(StoreError)

    public var description: String {
        switch self {
        case .nothingToResume: "there is no interrupted import session to resume"
        case .store(let error):
            // Another run holding the session is not a fault of the store.
            if case .sessionRunning = error { error.description } else { "store: \(error)" }
        }
    }
}

/// Runs one import session: discovery, then each file through read → normalise →
/// deduplicate → persist, `jobs` files at a time. Each file is read by its own worker process
/// (or, without a worker executable, its own thread and libpff handle); every write goes
/// through this process's one store connection.
public struct Importer: Sendable {
    let store: AnalyticsStore
    let options: ImportOptions
    let monitor: any ImportMonitor
    let control: RunControl

    public init(store: AnalyticsStore, options: ImportOptions, monitor: any ImportMonitor = SilentMonitor(),
                control: RunControl = RunControl()) {
        self.store = store
        self.options = options
        self.monitor = monitor
        self.control = control
    }

    /// Returns the session's id once every file is done or the run was stopped
    /// (the session is then `interrupted`, ready for `--resume`).
    public func run() throws(ImportError) -> String {
        try storing { () throws(StoreError) in try store.markInterruptedSessions() }
        let resumable = try storing { () throws(StoreError) in try store.latestInterruptedSession() }
        if options.resume && resumable == nil {
            // Nothing interrupted, because another run has just taken it over: say whose it is.
            if let running = try storing({ () throws(StoreError) in try store.latestRunningSession() }) {
                throw .store(running)
            }
            throw .nothingToResume
        }
        return try storing { () throws(StoreError) in
            let (sessionID, custodian) = try openSession(resuming: options.resume ? resumable : nil)
            let inputs = Discovery.expand(options.paths)
            try store.addFiles(inputs.map(\.path), to: sessionID)
            let problems = inputs.compactMap { input -> (path: String, error: IncomingError)? in
                guard case let .problem(path, kind, message) = input else { return nil }
                return (path, IncomingError(kind: kind, message: message))
            }
            for problem in problems {
                try store.failFile(problem.path, session: sessionID, error: problem.error)
            }
            let todo = try store.files(of: sessionID).filter(\.status.isUnfinished)
            let bytes = todo.reduce(Int64(0)) { $0 + Self.size(of: $1.path) }
            try store.deferAnalysisIndexes(reading: bytes)
            // A path that is not there is one of the run's files, failed before it began.
            monitor.sessionStarted(id: sessionID, files: todo.count + problems.count, bytes: bytes,
                                   resumed: options.resume)
            for problem in problems {
                monitor.failed(path: problem.path, error: problem.error)
                monitor.fileFinished(FileOutcome(path: problem.path, status: .failed, error: problem.error.message), size: 0)
            }
            try importFiles(todo.map(\.path), session: sessionID, custodian: custodian)
            if control.isStopRequested {
                try store.interruptSession(sessionID)
            } else {
                try store.finishSession(sessionID)
                monitor.raise(try completion(of: sessionID))
            }
            return sessionID
        }
    }

    /// The `session_complete` alert: what happened to the session's files.
    private func completion(of session: String) throws(StoreError) -> Alert {
        let files = try store.files(of: session)
        let count = { (status: FileStatus) in files.filter { $0.status == status }.count }
        let failed = count(.failed)
        let message = "session \(session) completed: \(files.count) files, \(count(.imported)) imported, "
            + "\(count(.partial)) partial, \(failed) failed, \(count(.skipped)) skipped"
        return Alert(kind: .sessionComplete, severity: failed > 0 ? .warning : .info, message: message,
                     value: Double(failed), threshold: nil)
    }

    private func storing<T>(_ body: () throws(StoreError) -> T) throws(ImportError) -> T {
        do {
            return try body()
        } catch {
            throw .store(error)
        }
    }

    private func openSession(resuming session: SessionHeader?) throws(StoreError) -> (String, String?) {
        if let session {
            try store.resumeSession(session.id, jobs: options.jobs)
            return (session.id, session.custodian)
        }
        let id = try store.startSession(command: options.command, custodian: options.custodian, jobs: options.jobs)
        return (id, options.custodian)
    }

    /// Reads `jobs` files at a time. One more thread than readers runs, so that a file whose
    /// reading has ended writes its last batches and closes while the next file is already read.
    /// Threads of their own, not `concurrentPerform`: that runs no more iterations at once than
    /// the machine has cores, and these threads mostly wait for their workers.
    ///
    /// With fewer files than jobs, each file is read by `jobs / files` workers at once, each
    /// taking a share of its items: one large file keeps every core busy too.
    private func importFiles(_ paths: [String], session: String, custodian: String?) throws(StoreError) {
        guard !paths.isEmpty else { return }
        let queue = FileQueue(count: paths.count)
        let readers = max(1, min(options.jobs, paths.count))
        let parts = options.workerExecutable == nil ? 1 : max(1, options.jobs / readers)
        let reading = DispatchSemaphore(value: readers)
        _ = Background.all(min(readers + 1, paths.count)) {
            while true {
                reading.wait()
                let permit = ReadPermit(reading)
                defer { permit.release() }
                guard !control.isStopRequested, let index = queue.take() else { return }
                do {
                    try importFile(paths[index], session: session, custodian: custodian, parts: parts,
                                   readingEnded: permit.release)
                } catch is RunControl.Stop {
                    return
                } catch let error as StoreError {
                    queue.fail(error)
                } catch {
                    queue.fail(.other(String(describing: error)))
                }
            }
        }
        if let error = queue.failure { throw error }
    }

    private func importFile(_ path: String, session: String, custodian: String?, parts: Int,
                            readingEnded: @escaping @Sendable () -> Void) throws {
        var file = FileImporter(
            store: store, sessionID: session, custodian: custodian, batchSize: options.batchSize,
            monitor: monitor, control: control, path: path, readingEnded: readingEnded)
        do {
            if let executable = options.workerExecutable {
                let ending = try readInWorkers(executable, parts: parts, into: &file)
                readingEnded()
                if let (kind, message) = ending.error {
                    try file.abandon(kind: kind, message: message)
                } else if file.outcome == nil {
                    try file.abandon(kind: .workerFailed, message: "the reader's stream ended before the end of the file")
                }
            } else {
                try FileReader.read(path: path) { record in
                    if try file.consume(record) == .done { throw FileDone() }
                }
            }
        } catch is FileDone {
        } catch let stop as RunControl.Stop {
            try file.flush()  // what was read is kept; the resumed run skips it
            throw stop
        }
    }

    /// Runs the file's worker processes to their end, feeding `file`; the monitor counts each
    /// worker's resources until it is gone, however it ends.
    private func readInWorkers(_ executable: String, parts: Int, into file: inout FileImporter) throws
        -> WorkerProcess.Termination
    {
        let path = file.path
        let monitor = monitor
        let idle = { if control.isStopRequested { throw RunControl.Stop() } }
        guard parts == 1 else {
            return try SplitRead(executable: executable, path: path, parts: parts, timeout: options.workerTimeout).run(
                started: { monitor.workerStarted(path: path, pid: $0) },
                ended: { monitor.workerEnded(path: path, pid: $0) },
                idle: idle, consume: { try file.consume($0) == .more })
        }
        var pid: pid_t?
        defer { if let pid { monitor.workerEnded(path: path, pid: pid) } }
        let worker = WorkerProcess(executable: executable, path: path, timeout: options.workerTimeout)
        return try worker.run(
            started: { pid = $0; monitor.workerStarted(path: path, pid: $0) },
            idle: idle, consume: { try file.consume($0) == .more })
    }

    /// Unwinds an in-process read once its file needs nothing more.
    private struct FileDone: Error {}

    /// The session's files, handed out in order until one fails on the store.
    private final class FileQueue: Sendable {
        private let count: Int
        private let next = Mutex(0)
        private let firstFailure = Mutex<StoreError?>(nil)

        init(count: Int) { self.count = count }

        /// The next file's index; nil when all are taken or the store failed.
        func take() -> Int? {
            guard failure == nil else { return nil }
            return next.withLock { index in
                defer { index += 1 }
                return index < count ? index : nil
            }
        }

        func fail(_ error: StoreError) { firstFailure.withLock { $0 = $0 ?? error } }

        var failure: StoreError? { firstFailure.withLock { $0 } }
    }

    /// One of the `jobs` permits to read a file, given back once, as soon as the reading ends.
    private final class ReadPermit: Sendable {
        private let semaphore: DispatchSemaphore
        private let held = Mutex(true)

        init(_ semaphore: DispatchSemaphore) { self.semaphore = semaphore }

        @Sendable func release() {
            if held.withLock({ held in defer { held = false }; return held }) { semaphore.signal() }
        }
    }

    private static func size(of path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
