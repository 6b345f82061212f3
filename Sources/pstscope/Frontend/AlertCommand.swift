import Foundation
import MailModel
import Ingest
import Store

/// `--alert-command CMD`: runs `/bin/sh -c CMD` once per alert, the alert's JSON event on
/// its standard input, one at a time in order, off the import's threads. A command that
/// fails or outlives `timeout` is reported on standard error and the run goes on.
final class AlertCommand: MonitorSink {
    private let command: String
    private let timeout: Double
    private let queue = DispatchQueue(label: "pstscope.alert-command")

    init(_ command: String, timeout: Double = 30) {
        self.command = command
        self.timeout = timeout
    }

    func handle(_ event: MonitorEvent, session: String?) {
        guard case .alert(let alert) = event else { return }
        var fields = JSONEventLog.fields(alert)
        fields["at"] = alert.at
        if let session { fields["session"] = session }
        let input = Data((JSONEventLog.line(fields) + "\n").utf8)
        queue.async { [command, timeout] in Self.run(command, input: input, timeout: timeout) }
    }

    /// Waits for the alerts already raised to be handed to the command.
    func drain() {
        queue.sync {}
    }

    private static func run(_ command: String, input: Data, timeout: Double) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let stdin = Pipe()
        process.standardInput = stdin
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        do {
            try process.run()
        } catch {
            return complain("cannot run the alert command: \(error.localizedDescription)")
        }
        try? stdin.fileHandleForWriting.write(contentsOf: input)  // a command may not read it
        try? stdin.fileHandleForWriting.close()
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            return complain(String(format: "the alert command ran past %.0f s and was stopped", timeout))
        }
        if process.terminationStatus != 0 {
            complain("the alert command exited with status \(process.terminationStatus)")
        }
    }

    private static func complain(_ message: String) {
        FileHandle.standardError.write(Data("pstscope: warning: \(message)\n".utf8))
    }
}
