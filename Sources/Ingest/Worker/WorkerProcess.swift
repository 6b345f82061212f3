import Foundation
import MailModel
import PSTReader
import Synchronization

/// The parent side of crash isolation: starts `EXECUTABLE worker PATH [--part I/N]`, decodes its stream
/// and hands each record to `consume`. A worker that dies by a signal, exits without
/// finishing, breaks its stream, or stays silent past `timeout` ends in a `Termination`.
struct WorkerProcess {
    enum Termination: Equatable {
        /// The stream ended with the file's last record and the worker exited cleanly.
        case finished
        case crashed(signal: Int32)
        case exited(status: Int32)
        case timedOut(seconds: Double)
        case malformed
        /// `consume` said the file is done early (a copy of another input): the worker was stopped.
        case stopped

        /// The cause, as the session records it.
        var error: (kind: ImportErrorKind, message: String)? {
            switch self {
            case .finished, .stopped: nil
            case .crashed(let signal):
                (.workerCrashed, "the reader crashed: \(Self.name(of: signal)) (signal \(signal))")
            case .exited(let status): (.workerFailed, "the reader exited with status \(status) before the end of the file")
            case .timedOut(let seconds):
                (.workerTimeout, String(format: "the reader made no progress for %.0f s and was stopped", seconds))
            case .malformed: (.workerFailed, "the reader's stream is malformed")
            }
        }

        private static func name(of signal: Int32) -> String {
            switch signal {
            case SIGSEGV: "SIGSEGV"
            case SIGABRT: "SIGABRT"
            case SIGBUS: "SIGBUS"
            case SIGFPE: "SIGFPE"
            case SIGILL: "SIGILL"
            case SIGKILL: "SIGKILL"
            case SIGTERM: "SIGTERM"
            default: "signal \(signal)"
            }
        }
    }

    let executable: String
    let path: String
    var part = FilePart.whole
    let timeout: Double
    /// What the worker's environment starts from: this process's.
    var environment = ProcessInfo.processInfo.environment

    /// Runs the worker to its end. `started` gets the worker's pid (for resource sampling);
    /// `idle` is called each second the worker is silent; `consume` returns false when it needs
    /// no more records. Whatever `idle` or `consume` throws kills the worker and is rethrown.
    func run(
        started: (pid_t) -> Void, idle: () throws -> Void, consume: (ReadRecord) throws -> Bool
    ) throws -> Termination {
        let (readEnd, writeEnd, pid) = try Self.spawning.withLock { _ in try start() }
        close(writeEnd)
        started(pid)
        defer { close(readEnd) }

        var ending: Termination? = nil
        do {
            ending = try pump(readEnd, idle: idle, consume: consume)
        } catch {
            kill(pid, SIGKILL)
            _ = Self.wait(pid)
            throw error
        }
        if ending != nil { kill(pid, SIGKILL) }
        let status = Self.wait(pid)
        if let ending { return ending }
        if status.signal != 0 { return .crashed(signal: status.signal) }
        return status.code == 0 ? .finished : .exited(status: status.code)
    }

    /// Reads frames until end of stream (nil: decide by the exit status) or an early end.
    private func pump(_ descriptor: Int32, idle: () throws -> Void, consume: (ReadRecord) throws -> Bool) throws -> Termination? {
        var buffer = [UInt8](repeating: 0, count: 1 << 18)
        var start = 0
        var end = 0
        var lastProgress = ContinuousClock.now
        while true {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 1000)
            if ready < 0 && errno == EINTR { continue }
            if ready == 0 {
                let silent = (ContinuousClock.now - lastProgress).seconds
                if silent >= timeout { return .timedOut(seconds: silent) }
                try idle()
                continue
            }
            if start > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    raw.baseAddress!.copyMemory(from: raw.baseAddress! + start, byteCount: end - start)
                }
                end -= start
                start = 0
            }
            if end == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
            let count = buffer.withUnsafeMutableBytes { raw in
                Glibc.read(descriptor, raw.baseAddress! + end, raw.count - end)
            }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return end == start ? nil : .malformed }
            end += count
            lastProgress = .now
            // Every complete frame in the buffer.
            while true {
                let frame: (record: ReadRecord, size: Int)?
                do {
                    frame = try buffer.withUnsafeBytes { raw in
                        try ReadRecord.nextFrame(in: UnsafeRawBufferPointer(rebasing: raw[start..<end]))
                    }
                } catch {
                    return .malformed
                }
                guard let frame else { break }
                start += frame.size
                if try !consume(frame.record) { return .stopped }
            }
        }
    }

    /// Held from making a worker's pipe to starting it: a worker started by another thread in
    /// between would inherit the pipe, hold its write end open and hide this worker's end of
    /// stream (a crash would look like a hang). Outside the lock every pipe is close-on-exec.
    private static let spawning = Mutex(())

    private func start() throws -> (readEnd: Int32, writeEnd: Int32, pid: pid_t) {
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        let (readEnd, writeEnd) = (pipe[0], pipe[1])
        for end in pipe { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        // A pipe holding a few batches lets the worker read on while this process writes one.
        _ = fcntl(writeEnd, 1031 /* F_SETPIPE_SZ */, 1 << 20)
        do {
            return (readEnd, writeEnd, try spawn(output: writeEnd, closing: readEnd))
        } catch {
            close(readEnd)
            close(writeEnd)
            throw error
        }
    }

    private func spawn(output: Int32, closing other: Int32) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, output, STDOUT_FILENO)
        posix_spawn_file_actions_addclose(&actions, other)
        posix_spawn_file_actions_addclose(&actions, output)
        let arguments = [executable, "worker", path] + (part == .whole ? [] : ["--part", part.description])
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var envp: [UnsafeMutablePointer<CChar>?] = workerEnvironment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, &argv, &envp)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO) }
        return pid
    }

    /// This process's environment, and two settings for the worker:
    /// - no backtrace from the Swift runtime: the parent reports a crash in one line, and a
    ///   backtrace would only bury the run's output;
    /// - glibc's malloc keeps up to 1,024 freed blocks of each small size for reuse instead of 7.
    ///   libpff makes and frees about 270 small blocks per message, so most went through the
    ///   slower general path: a 20,000-message walk takes 3,432 million instructions instead of
    ///   4,294, for a quarter of a megabyte more at its peak. A user's own GLIBC_TUNABLES come
    ///   after it, so theirs win.
    var workerEnvironment: [String: String] {
        var environment = environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        let cache = "glibc.malloc.tcache_count=1024"
        let own = environment["GLIBC_TUNABLES"] ?? ""
        environment["GLIBC_TUNABLES"] = own.isEmpty ? cache : cache + ":" + own
        return environment
    }

    private static func wait(_ pid: pid_t) -> (code: Int32, signal: Int32) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7F
        return signal != 0 ? (0, signal) : ((status >> 8) & 0xFF, 0)
    }
}
