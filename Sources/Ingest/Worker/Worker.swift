import Foundation
import PSTReader

/// The worker side of crash isolation: `pstscope worker PATH [--part I/N]` runs the read stage
/// for one file, or one part of it, and streams its records to standard output. libpff runs
/// only here, so a file that crashes or hangs it takes down this process, never the run.
public enum Worker {
    /// Reads `path` (only `part` of its items) and writes its records to `descriptor`;
    /// returns the process exit code.
    public static func run(path: String, part: FilePart = .whole, descriptor: Int32 = STDOUT_FILENO) -> Int32 {
        // Ctrl-C reaches the whole process group; the parent decides what stops, and kills us.
        signal(SIGINT, SIG_IGN)
        var output = FrameOutput(descriptor: descriptor)
        #if DEBUG
        var fault = WorkerFault.fromEnvironment(path: path)
        #endif
        do {
            try FileReader.read(path: path, part: part) { record in
                #if DEBUG
                if case .message = record { fault?.itemRead() }
                #endif
                try output.send(record)
            }
            try output.flush()
            return 0
        } catch {
            return 1  // the parent is gone or stopped us: nobody to tell
        }
    }
}

/// Batches frames into large writes, yet never holds one back for long: the parent judges
/// a reader hung by how long it has been silent.
private struct FrameOutput {
    struct Closed: Error {}

    let descriptor: Int32
    var wire = WireWriter(capacity: 1 << 17)
    var lastWrite = ContinuousClock.now

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    mutating func send(_ record: ReadRecord) throws {
        record.encode(into: &wire)
        let isLast: Bool
        switch record {
        case .finished, .failed, .opened: isLast = true
        default: isLast = false
        }
        if isLast || wire.bytes.count >= 1 << 16 || ContinuousClock.now - lastWrite > .milliseconds(100) {
            try flush()
        }
    }

    mutating func flush() throws {
        try wire.bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { throw Closed() }
                offset += written
            }
        }
        wire.removeAll()
        lastWrite = .now
    }
}

#if DEBUG
/// A test-only switch that makes a worker misbehave on one file, to prove the run survives:
/// `PSTSCOPE_WORKER_FAULT=crash|hang|slow:MILLISECONDS`, applied to files whose path contains
/// `PSTSCOPE_WORKER_FAULT_FILE`, after `PSTSCOPE_WORKER_FAULT_AFTER` messages (default 0).
/// Compiled into debug builds only (the tests'): a shipped binary must not crash or hang
/// because of a variable in its environment.
struct WorkerFault {
    enum Kind {
        case crash, hang
        case slow(milliseconds: Int)
    }

    let kind: Kind
    let after: Int
    private var read = 0

    static func fromEnvironment(path: String) -> WorkerFault? {
        let environment = ProcessInfo.processInfo.environment
        guard let spec = environment["PSTSCOPE_WORKER_FAULT"],
              let file = environment["PSTSCOPE_WORKER_FAULT_FILE"], path.contains(file) else { return nil }
        let after = environment["PSTSCOPE_WORKER_FAULT_AFTER"].flatMap(Int.init) ?? 0
        let parts = spec.split(separator: ":")
        switch parts.first {
        case "crash": return WorkerFault(kind: .crash, after: after)
        case "hang": return WorkerFault(kind: .hang, after: after)
        case "slow": return WorkerFault(kind: .slow(milliseconds: parts.count > 1 ? Int(parts[1]) ?? 100 : 100), after: after)
        default: return nil
        }
    }

    private init(kind: Kind, after: Int) {
        self.kind = kind
        self.after = after
    }

    mutating func itemRead() {
        read += 1
        guard read > after else { return }
        switch kind {
        case .crash:
            // Dies by the signal, as a crash in libpff does, even where a handler is installed
            // (a sanitizer's would report the SIGSEGV and exit with a status instead).
            signal(SIGSEGV, SIG_DFL)
            raise(SIGSEGV)
        case .hang: while true { sleep(60) }
        case .slow(let milliseconds): usleep(useconds_t(milliseconds * 1000))
        }
    }
}
#endif
