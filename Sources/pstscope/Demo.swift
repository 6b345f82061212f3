import ArgumentParser
import Foundation
import Analysis
import Ingest
import OwnedFiles
import Reports
import MailModel
import Store

extension Pstscope {
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import the sample mailboxes into a fresh store and write what pstscope produces.",
            discussion: """
                Uses samples/ when it holds PSTs, else the real test files in ../shared/pst-samples/. \
                The synthetic samples all belong to one invented person, so each scenario is imported in \
                its own session as its own custodian (steady, gappy, multi, hostile). Writes \
                DIR/pstscope.sqlite, DIR/session.json and DIR/session.txt (the last session), and \
                DIR/gaps.txt, gaps.json and gaps.csv, and every report (as `pstscope report` writes them).
                """)

        @Option(help: "Where to write the demo's store and outputs.")
        var out = "pstscope-demo"

        @Option(help: "The PSTs to import (default: samples/, else ../shared/pst-samples/).")
        var samples: String?

        func run() throws {
            let source = samples ?? Self.defaultSamples()
            guard let source else {
                throw fail("no sample PSTs: neither samples/ nor ../shared/pst-samples/ holds .pst or .ost files")
            }
            // Never over anything else: a new or empty directory, or an earlier demo's (its
            // manifest says which files it wrote; only its store is removed, to start afresh).
            var output: OutputDirectory
            let storePath: String
            do {
                output = try OutputDirectory(claiming: out)
                try output.removePrevious(Self.storeFiles)
                for name in Self.storeFiles.dropFirst() { _ = try output.claim(name) }
                storePath = try output.claim(Self.storeFiles[0])
            } catch {
                throw fail(error.description)
            }
            var storeOptions = StoreOptions()
            storeOptions.store = storePath
            let store = try openStore(storeOptions)
            var sessionID = ""
            for (custodian, paths) in Self.groups(source) {
                let options = ImportOptions(
                    paths: paths, jobs: 2, custodian: custodian, command: "pstscope demo",
                    workerExecutable: try selfExecutable())
                let display = ConsoleDisplay()
                let monitor = RunMonitor(store: store, sinks: [display])
                defer {
                    monitor.finish()
                    display.finish()
                }
                do {
                    sessionID = try Importer(store: store, options: options, monitor: monitor).run()
                } catch {
                    throw fail(error.description)
                }
            }
            let report = try sessionRecord(store, sessionID)
            let text = SessionPrinter.detail(report)
            try write(JSONDocument.text(report), as: "session.json", into: &output)
            try write(text, as: "session.txt", into: &output)
            print(text, terminator: "")

            let summary = try recomputeAnalyses(store, session: sessionID)
            print(summaryLine(summary))
            let gaps: [TimelineEntityRecord]
            do { gaps = try store.timeline(TimelineQuery()) } catch { throw fail("\(store.path): \(error)") }
            let zones = summary.zones.owners
            try write(GapPrinter.table(gaps.filter { $0.contact.isEmpty || $0.gaps.contains { $0.severity > .minor } },
                                       zones: zones), as: "gaps.txt", into: &output)
            try write(TimelineOutput.json(gaps, settings: (try? store.analysisSettings()) ?? [:], zones: zones),
                      as: "gaps.json", into: &output)
            try write(TimelineOutput.csv(gaps), as: "gaps.csv", into: &output)
            let model: ReportModel
            do { model = try ReportModel.load(store, filter: ReportFilter()) } catch { throw fail("\(store.path): \(error)") }
            let reports = try writeReports(model, into: &output)
            let written = ["pstscope.sqlite", "session.json", "session.txt", "gaps.txt", "gaps.json", "gaps.csv"]
                .map { "\(out)/\($0)" } + reports
            print("\nwrote " + written.joined(separator: ", "))
        }

        /// One import per custodian: the synthetic samples by scenario (the file name before any
        /// "-N"), anything else as one group whose custodians are detected per file.
        static func groups(_ source: String) -> [(custodian: String?, paths: [String])] {
            let files = Discovery.expand([source]).compactMap { if case .file(let path) = $0 { path } else { nil } }
            let synthetic = FileManager.default.fileExists(atPath: source + "/seeds")
            guard synthetic else { return [(nil, [source])] }
            let byScenario = Dictionary(grouping: files) { path in
                let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
                return stem.replacing(/-\d+$/, with: "")
            }
            return byScenario.sorted { $0.key < $1.key }.map { ($0.key, $0.value.sorted()) }
        }

        /// The store and the files SQLite keeps beside it, the store first.
        static let storeFiles = ["pstscope.sqlite", "pstscope.sqlite-wal", "pstscope.sqlite-shm", "pstscope.sqlite.lock"]

        private func write(_ text: String, as name: String, into output: inout OutputDirectory) throws {
            do {
                try output.write(Data(text.utf8), as: name)
            } catch {
                throw fail(error.description)
            }
        }

        static func defaultSamples() -> String? {
            for candidate in ["samples", "../shared/pst-samples"] {
                let found = Discovery.expand([candidate]).contains { if case .file = $0 { true } else { false } }
                if found { return candidate }
            }
            return nil
        }
    }
}
