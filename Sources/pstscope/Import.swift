import ArgumentParser
import Foundation
import ImportSettings
import Ingest
import MailModel
import Analysis
import Store

extension Pstscope {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import PST/OST files, directories (searched recursively) or patterns in one session.")

        @Argument(help: "Files, directories or glob patterns.")
        var paths: [String] = []

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "Files read in parallel, each by its own worker process (default: [import] jobs in the config, else the number of cores).")
        var jobs: Int?

        @Option(help: "Seconds a worker may go without reading anything before it is taken as hung, killed, and its file failed (default 600).")
        var workerTimeout: Double?

        @Flag(help: "Read in this process instead of worker processes (no crash isolation).")
        var inProcess = false

        @Flag(help: "Continue the most recent interrupted session; PATHs, if given, are added to it.")
        var resume = false

        @Option(help: "Whose mailbox these files are (default: detected per file from Sent Items, else the store's name, else the file name).")
        var custodian: String?

        @Option(help: "Items per transaction.")
        var batchSize = 2000

        @Option(help: "At most this many items per second (spare a shared disk or network share).")
        var maxRate: Double?

        @Option(help: "Summary format: table or json.")
        var format: OutputFormat = .table

        @Option(help: "Progress as text on standard error, or json: one event per line on standard output, ending with the session summary.")
        var logFormat: LogFormat = .text

        @Option(help: "Settings file (default: ./pstscope.toml when present).")
        var config: String?

        @Option(name: .customLong("alert"), help: ArgumentHelp(
            "An alert threshold, as in the config's [alerts] table (repeatable).", valueName: "key=value"))
        var alerts: [String] = []

        @Option(help: "Run this shell command for each alert, the alert as JSON on its standard input.")
        var alertCommand: String?

        @Flag(help: "No progress output.")
        var quiet = false

        @Flag(help: "Import nothing: show each file's format, size and estimated items, and predict the run's duration and peak memory from this store's earlier sessions.")
        var plan = false

        @Flag(help: "Collect no analytics: no resource sampling, no live progress block, no batch metrics, no alerts (default: [monitor] enabled in the config).")
        var noMonitor = false

        enum LogFormat: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        func validate() throws {
            if paths.isEmpty && !resume { throw ValidationError("name at least one PST/OST file or directory") }
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
            if let workerTimeout, workerTimeout <= 0 { throw ValidationError("--worker-timeout must be positive") }
            if batchSize < 1 { throw ValidationError("--batch-size must be at least 1") }
            if let maxRate, maxRate <= 0 { throw ValidationError("--max-rate must be positive") }
            if plan && resume { throw ValidationError("--plan predicts a new run; it cannot be combined with --resume") }
            if resume && custodian != nil {
                throw ValidationError("--custodian cannot change a session being resumed")
            }
            _ = try thresholds(from: AlertThresholds())
        }

        /// The config's thresholds with each --alert applied.
        private func thresholds(from base: AlertThresholds) throws -> AlertThresholds {
            var thresholds = base
            for setting in alerts {
                let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let value = Double(parts[1]) else {
                    throw ValidationError("--alert \(setting): expected key=number")
                }
                do {
                    try thresholds.set(parts[0], to: value)
                } catch {
                    throw ValidationError("--alert \(setting): \(error)")
                }
            }
            return thresholds
        }

        func run() throws {
            signal(SIGPIPE, SIG_IGN)  // a closed pipe (a worker, an alert command) is an error to handle, not death
            let settings: ImportConfig
            do { settings = try ImportConfig.load(config) } catch { throw fail(error.message) }
            let jobs = jobs ?? settings.jobs ?? ProcessInfo.processInfo.activeProcessorCount
            if plan { return try showPlan(jobs: jobs) }
            let store = try openStore(storeOptions)
            // Predicted before anything is written: the session itself is not history yet.
            let prediction = resume ? nil
                : ImportPlan.make(paths: paths, jobs: jobs, history: (try? store.pastSessions()) ?? []).prediction
            let json = logFormat == .json
            let display = ConsoleDisplay()
            let events = JSONEventLog()
            let command = (alertCommand ?? settings.alertCommand).map { AlertCommand($0) }
            var sinks: [any MonitorSink] = json ? [events] : quiet ? [] : [display]
            if let command { sinks.append(command) }
            let monitor = RunMonitor(store: store, thresholds: try thresholds(from: settings.thresholds), sinks: sinks,
                                     collecting: !noMonitor && settings.monitor)
            let control = RunControl(maxRate: maxRate)
            StopSignal.install(control)
            let options = ImportOptions(
                paths: paths, jobs: jobs,
                resume: resume, custodian: custodian, batchSize: batchSize,
                command: CommandLine.arguments.joined(separator: " "),
                workerExecutable: inProcess ? nil : try selfExecutable(),
                workerTimeout: workerTimeout ?? settings.workerTimeout ?? 600)
            let sessionID: String
            do {
                sessionID = try Importer(store: store, options: options, monitor: monitor, control: control).run()
            } catch {
                monitor.finish()
                guard error == .store(.diskFull) else { throw fail(error.description) }
                // What was written stays; the next run marks the session interrupted.
                throw fail("\(error); free some space, then continue with: pstscope import --resume --store \(store.path)")
            }
            monitor.finish()
            if let prediction { try? store.recordPrediction(prediction, session: sessionID) }
            command?.drain()
            if !json && !quiet { display.finish() }
            let report = try sessionRecord(store, sessionID)
            if json {
                events.sessionSummary(Data(try JSONDocument.text(report).utf8), session: sessionID)
            } else {
                print(format == .json ? try JSONDocument.text(report) : SessionPrinter.detail(report), terminator: "")
            }
            if !control.isStopRequested {
                let summary = try recomputeAnalyses(store, session: sessionID)
                if format == .table && !json { print(summaryLine(summary)) }
                // Only what went is worth a line; where standard output carries JSON it goes to standard error.
                if let retention = try RetentionPeriod(days: settings.retentionDays).apply(to: store),
                   !retention.sweep.isEmpty {
                    let line = retention.line
                    if format == .table && !json { print(line) } else { FileHandle.standardError.write(Data((line + "\n").utf8)) }
                }
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

        /// `--plan`: learns from the store if it exists, and never creates one.
        private func showPlan(jobs: Int) throws {
            let path = storeOptions.path
            let history = FileManager.default.fileExists(atPath: path) ? try openStore(storeOptions).pastSessions() : []
            let plan = ImportPlan.make(paths: paths, jobs: jobs, history: history)
            print(format == .json ? try JSONDocument.text(PlanDocument(plan)) : PlanPrinter.text(plan), terminator: "")
        }
    }
}
