import ArgumentParser
import Foundation
import MailModel
import Ingest
import OwnedFiles

@main
struct Pstscope: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pstscope",
        abstract: "Import Outlook PST/OST files into an analytics store and audit them.",
        discussion: """
            Exit codes: 0 all good; 1 usage or fatal error; 2 finished, but some files or items failed; \
            130 stopped by Ctrl-C (resume with `pstscope import --resume`).
            """,
        version: "0.1.0",
        subcommands: [Import.self, Sessions.self, Session.self, Gaps.self, Senders.self, Network.self, Activity.self, Report.self, Analyze.self,
                      Prune.self, Backup.self, Restore.self, Serve.self, Synth.self, Demo.self, WorkerCommand.self])

    /// Usage errors exit 1 (not ArgumentParser's 64), with one `pstscope: error:` line
    /// and a pointer to the help.
    static func main() {
        PrivateFiles.restrictProcessUmask()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                let names = configuration.subcommands.map { $0._commandName }
                let help = CommandLine.arguments.dropFirst().first.flatMap { names.contains($0) ? $0 : nil }
                    .map { "pstscope \($0) --help" } ?? "pstscope --help"
                FileHandle.standardError.write(Data(
                    "pstscope: error: \(message(for: error))\nsee '\(help)'\n".utf8))
                Foundation.exit(1)
            }
            exit(withError: error)
        }
    }
}

/// Where the analytics store lives: --store, else $PSTSCOPE_STORE, else ./pstscope.sqlite.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite store (default: $PSTSCOPE_STORE, else ./pstscope.sqlite).")
    var store: String?

    var path: String {
        store ?? ProcessInfo.processInfo.environment["PSTSCOPE_STORE"] ?? "pstscope.sqlite"
    }
}

/// --from and --to: days (YYYY-MM-DD), the first not after the second.
func validateDayRange(from: String?, to: String?) throws {
    for (name, value) in [("--from", from), ("--to", to)] {
        if let value, Day(iso: value) == nil { throw ValidationError("\(name) \(value) is not a date (YYYY-MM-DD)") }
    }
    if let from, let to, from > to { throw ValidationError("--from is after --to") }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// One clear line on standard error, then the exit code: never a stack trace.
func fail(_ message: String, code: Int32 = 1) -> ExitCode {
    FileHandle.standardError.write(Data("pstscope: error: \(terminalSafe(message))\n".utf8))
    return ExitCode(code)
}
