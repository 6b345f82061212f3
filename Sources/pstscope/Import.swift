import ArgumentParser
import Foundation
import Ingest
import Analysis
import Store

extension Pstscope {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import PST/OST files, directories (searched recursively) or patterns in one session.")

        @Argument(help: "Files, directories or glob patterns.")
        var paths: [String] = []

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "Files imported in parallel, one libpff handle each.")
        var jobs = 1

        @Flag(help: "Continue the most recent interrupted session; PATHs, if given, are added to it.")
        var resume = false

        @Option(help: "Whose mailbox these files are (default: detected per file from Sent Items, else the store's name, else the file name).")
        var custodian: String?

        @Option(help: "Items per transaction.")
        var batchSize = 500

        @Option(help: "At most this many items per second (spare a shared disk or network share).")
        var maxRate: Double?

        @Option(help: "Summary format: table or json.")
        var format: OutputFormat = .table

        @Flag(help: "No progress output.")
        var quiet = false

        func validate() throws {
            if paths.isEmpty && !resume { throw ValidationError("name at least one PST/OST file or directory") }
            if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
            if batchSize < 1 { throw ValidationError("--batch-size must be at least 1") }
            if let maxRate, maxRate <= 0 { throw ValidationError("--max-rate must be positive") }
            if resume && custodian != nil {
                throw ValidationError("--custodian cannot change a session being resumed")
            }
        }

        func run() throws {
            let store = try openStore(storeOptions)
            let console = ConsoleMonitor()
            let monitor: any ImportMonitor = quiet ? SilentMonitor() : console
            let control = RunControl(maxRate: maxRate)
            StopSignal.install(control)
            let options = ImportOptions(
                paths: paths, jobs: jobs, resume: resume, custodian: custodian, batchSize: batchSize,
                command: CommandLine.arguments.joined(separator: " "))
            let sessionID: String
            do {
                sessionID = try Importer(store: store, options: options, monitor: monitor, control: control).run()
            } catch {
                throw fail(error.description)
            }
            if !quiet { console.finish() }
            let report = try sessionReport(store, sessionID)
            print(format == .json ? try SessionPrinter.json(report) : SessionPrinter.detail(report), terminator: "")
            if !control.isStopRequested {
                let summary = try recomputeAnalyses(store, session: sessionID)
                if format == .table { print(summaryLine(summary)) }
            } else {
                // An interrupted session is analysed when it is resumed and finished.
                FileHandle.standardError.write(Data(
                    "pstscope: stopped; continue with: pstscope import --resume --store \(store.path)\n".utf8))
                throw ExitCode(130)
            }
            let clean = report.errorSummary.filesFailed == 0 && report.errorSummary.filesPartial == 0
                && report.errorSummary.itemsFailed == 0
            if !clean { throw ExitCode(2) }
        }
    }
}

/// Ctrl-C and SIGTERM stop the run after the current item; what was read is kept.
enum StopSignal {
    nonisolated(unsafe) private static var control: RunControl?

    static func install(_ control: RunControl) {
        Self.control = control
        var signals = sigset_t()
        sigemptyset(&signals)
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber) { _ in StopSignal.control?.requestStop() }
            sigaddset(&signals, signalNumber)
        }
        // A parent may start us with these blocked; they must reach the handler.
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }
}

func openStore(_ options: StoreOptions) throws -> AnalyticsStore {
    do {
        return try AnalyticsStore(path: options.path)
    } catch {
        throw fail("cannot open store \(options.path): \(error)")
    }
}

func sessionReport(_ store: AnalyticsStore, _ id: String) throws -> SessionReport {
    do {
        return try store.sessionReport(id)
    } catch {
        throw fail("\(store.path): \(error)")
    }
}
