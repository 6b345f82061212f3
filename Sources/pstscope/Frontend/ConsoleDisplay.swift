import Foundation
import Ingest
import MailModel
import Store
import Synchronization

/// Progress on standard error. On a terminal: a live block redrawn in place (overall bar,
/// files, emails/s, ETA, memory, CPU, free disk, then a line per file being read). Otherwise
/// plain lines only. Finished files, failed files and alerts are always one line each.
final class ConsoleDisplay: MonitorSink {
    private let isTerminal: Bool
    /// The lines drawn now, and the progress they were drawn from.
    private let block = Mutex<(lines: [String], progress: RunProgress?)>(([], nil))
    private let files = Mutex<(done: Int, total: Int)>((0, 0))

    init(isTerminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.isTerminal = isTerminal
    }

    func handle(_ event: MonitorEvent, session: String?) {
        switch event {
        case .sessionStarted(let id, let files, let bytes, let resumed):
            self.files.withLock { $0 = (0, files) }
            emit("\(resumed ? "resuming" : "starting") \(id): \(files) file\(files == 1 ? "" : "s"), \(Self.size(bytes))")
        case .fileFinished(let outcome, _):
            let (done, total) = files.withLock {
                $0.done += 1
                return $0
            }
            let line = Self.line(for: outcome)
            emit(outcome.status == .failed ? line : "[\(done)/\(total)] " + line) { progress in
                // The finished file leaves the block now, not at the next sample.
                progress.filesDone = max(progress.filesDone, done)
                progress.workers.removeAll { $0.path == outcome.path }
            }
        case .alert(let alert):
            emit("pstscope: alert: \(alert.severity.rawValue) \(alert.kind.rawValue)"
                 + (alert.path.map { " \($0)" } ?? "") + ": \(alert.message)")
        case .progress(let progress):
            if isTerminal { block.withLock { redraw(progress, on: &$0) } }
        case .fileStarted, .batch, .failed:
            break
        }
    }

    /// Clears the live block before the final summary is printed.
    func finish() {
        if isTerminal { block.withLock { redraw(nil, on: &$0) } }
    }

    static func line(for outcome: FileOutcome) -> String {
        switch outcome.status {
        case .failed:
            return "pstscope: error: \(outcome.path): \(outcome.error ?? "failed")"
        case .skipped:
            return "skipped   \(outcome.path): \(outcome.error ?? "")"
        default:
            var line = "\(outcome.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(outcome.path): "
                + "\(outcome.emails) emails (\(outcome.newEmails) new, \(outcome.duplicates) duplicates)"
            if outcome.itemsFailed > 0 { line += ", \(outcome.itemsFailed) items failed" }
            if let error = outcome.error { line += "; \(error)" }
            return line + String(format: " in %.1f s", outcome.seconds)
        }
    }

    static func lines(for progress: RunProgress) -> [String] {
        let width = 24
        let filled = Int(progress.fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let resources = progress.resources
        var head = String(format: "[%@] %d/%d files  %d items  %.0f/s  ETA %@  %d MB  CPU %.0f%%",
                          bar, progress.filesDone, progress.files, progress.items, progress.itemsPerSecond,
                          progress.etaSeconds.map(clock) ?? "--:--", resources.rssKB / 1024, resources.cpuPercent)
        if let free = resources.diskFreeMB { head += "  \(size(Int64(free) * 1_048_576)) free" }
        if progress.errors > 0 { head += "  \(progress.errors) errors" }
        let files = progress.workers.map { worker in
            let share = worker.items > 0 ? min(100, worker.read * 100 / worker.items) : 0
            let name = URL(fileURLWithPath: worker.path).lastPathComponent
            return String(format: "  %3d%%  %@  %d/%d  %.0f/s", share, name, worker.read, worker.items, worker.itemsPerSecond)
        }
        return [head] + files
    }

    /// Prints a line above the live block (or alone when there is no terminal), and redraws
    /// the block with `change` made to its progress.
    private func emit(_ line: String, change: (inout RunProgress) -> Void = { _ in }) {
        let text = terminalSafe(line) + "\n"
        guard isTerminal else { return FileHandle.standardError.write(Data(text.utf8)) }
        block.withLock { block in
            redraw(block.progress.map { var next = $0; change(&next); return next }, on: &block, above: text)
        }
    }

    /// Replaces the block with one drawn from `progress` (none for nil), with `above` printed
    /// where the old block began: one write, so the terminal never shows a half-drawn block.
    private func redraw(_ progress: RunProgress?, on block: inout (lines: [String], progress: RunProgress?),
                        above: String = "") {
        let columns = Self.columns()
        let fitted = progress.map { Self.lines(for: $0).map { terminalSafe(String($0.prefix(columns - 1))) } } ?? []
        FileHandle.standardError.write(Data((Self.erase(block.lines.count) + above + Self.draw(fitted)).utf8))
        block = (fitted, progress)
    }

    /// Moves to the block's first line and clears from there down.
    private static func erase(_ count: Int) -> String {
        guard count > 0 else { return "" }
        return "\r" + String(repeating: "\u{1B}[1A", count: count - 1) + "\u{1B}[J"
    }

    private static func draw(_ lines: [String]) -> String {
        lines.joined(separator: "\n")
    }

    private static func columns() -> Int {
        var size = winsize()
        return ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 20 ? Int(size.ws_col) : 120
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
