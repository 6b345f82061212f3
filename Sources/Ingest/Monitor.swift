import Foundation
import Store
import Synchronization

/// How one file of a run ended.
public struct FileOutcome: Sendable, Equatable {
    public var path: String
    public var status: String
    public var error: String?
    public var seconds = 0.0
    public var emails = 0
    public var newEmails = 0
    public var duplicates = 0
    public var itemsFailed = 0
}

/// Receives a run's progress. Called from every worker: implementations are thread-safe.
public protocol ImportMonitor: Sendable {
    func sessionStarted(id: String, files: Int, bytes: Int64, resumed: Bool)
    func fileStarted(path: String, size: Int64, items: Int)
    func itemsRead(_ count: Int, path: String)
    func fileFinished(_ outcome: FileOutcome, size: Int64)
}

/// Says nothing: for tests and `--quiet`.
public struct SilentMonitor: ImportMonitor {
    public init() {}
    public func sessionStarted(id: String, files: Int, bytes: Int64, resumed: Bool) {}
    public func fileStarted(path: String, size: Int64, items: Int) {}
    public func itemsRead(_ count: Int, path: String) {}
    public func fileFinished(_ outcome: FileOutcome, size: Int64) {}
}

/// Progress on standard error: a redrawn bar on a terminal (files, messages, messages/s,
/// ETA), plain lines otherwise. A failed file is always one line naming the file and the cause.
public final class ConsoleMonitor: ImportMonitor {
    private struct State {
        var files = 0
        var filesDone = 0
        var bytes: Int64 = 0
        var bytesDone: Int64 = 0
        var messages = 0
        var started = ContinuousClock.now
        var lastDraw = ContinuousClock.now - .seconds(1)
        /// Per file being read: its size, items listed and items read so far.
        var current: [String: (size: Int64, items: Int, read: Int)] = [:]
    }

    private let state = Mutex(State())
    private let isTerminal: Bool

    public init(isTerminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.isTerminal = isTerminal
    }

    public func sessionStarted(id: String, files: Int, bytes: Int64, resumed: Bool) {
        state.withLock {
            $0.files = files
            $0.bytes = bytes
            $0.started = .now
        }
        emit("\(resumed ? "resuming" : "starting") \(id): \(files) file\(files == 1 ? "" : "s"), \(Self.size(bytes))")
    }

    public func fileStarted(path: String, size: Int64, items: Int) {
        state.withLock { $0.current[path] = (size, items, 0) }
        if isTerminal { redraw(force: true) }
    }

    public func itemsRead(_ count: Int, path: String) {
        state.withLock {
            $0.messages += count
            $0.current[path]?.read += count
        }
        if isTerminal { redraw(force: false) }
    }

    public func fileFinished(_ outcome: FileOutcome, size: Int64) {
        let position = state.withLock {
            $0.filesDone += 1
            $0.bytesDone += size
            $0.current[outcome.path] = nil
            return "[\($0.filesDone)/\($0.files)]"
        }
        let name = outcome.path
        switch outcome.status {
        case "failed":
            emit("pstscope: error: \(name): \(outcome.error ?? "failed")")
        case "skipped":
            emit("\(position) skipped   \(name): \(outcome.error ?? "")")
        default:
            var line = "\(position) \(outcome.status.padding(toLength: 9, withPad: " ", startingAt: 0)) \(name): "
                + "\(outcome.emails) emails (\(outcome.newEmails) new, \(outcome.duplicates) duplicates)"
            if outcome.itemsFailed > 0 { line += ", \(outcome.itemsFailed) items failed" }
            if let error = outcome.error { line += "; \(error)" }
            emit(line + String(format: " in %.1f s", outcome.seconds))
        }
        if isTerminal { redraw(force: true) }
    }

    /// Prints a line above the bar (or alone when there is no terminal).
    private func emit(_ line: String) {
        var text = terminalSafe(line) + "\n"
        if isTerminal { text = "\r\u{1B}[2K" + text }
        FileHandle.standardError.write(Data(text.utf8))
    }

    private func redraw(force: Bool) {
        let line: String? = state.withLock { state in
            let now = ContinuousClock.now
            guard force || now - state.lastDraw >= .milliseconds(100) else { return nil }
            state.lastDraw = now
            let elapsed = max(0.001, (now - state.started).seconds)
            let rate = Double(state.messages) / elapsed
            let partial = state.current.values.reduce(0.0) {
                $0 + Double($1.size) * ($1.items > 0 ? min(1, Double($1.read) / Double($1.items)) : 0)
            }
            let fraction = state.bytes > 0 ? min(1, (Double(state.bytesDone) + partial) / Double(state.bytes)) : 0
            let eta = fraction > 0.01 ? Self.clock(elapsed * (1 - fraction) / fraction) : "--:--"
            let width = 24
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            return String(format: "[%@] %d/%d files  %d msgs  %.0f msg/s  ETA %@",
                          bar, state.filesDone, state.files, state.messages, rate, eta)
        }
        if let line { FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8)) }
    }

    /// Clears the bar before the final summary is printed.
    public func finish() {
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }

    static func size(_ bytes: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }

    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 3600
            ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
            : String(format: "%d:%02d", total / 60, total % 60)
    }
}

/// Text from a PST (a custodian taken from a store name, an error quoting it) may hold control
/// characters or bidirectional overrides; on a terminal they could move the cursor, recolour the
/// screen or reorder what is shown. Each becomes U+FFFD.
public func terminalSafe(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
        let isControl = scalar.properties.generalCategory == .control
        let isBidiOverride = (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        return isControl || isBidiOverride ? "\u{FFFD}" : scalar
    }))
}
