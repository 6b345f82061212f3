import ArgumentParser
import Foundation
import Ingest
import Store

extension Pstscope {
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import the sample mailboxes into a fresh store and write what pstscope produces.",
            discussion: """
                Uses samples/ when it holds PSTs, else the real test files in ../shared/pst-samples/. \
                Writes DIR/pstscope.sqlite, DIR/session.json and DIR/session.txt, and prints the session.
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
            let directory = URL(fileURLWithPath: out)
            try? FileManager.default.removeItem(at: directory)
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw fail("cannot create \(out): \(error.localizedDescription)")
            }
            let storePath = directory.appendingPathComponent("pstscope.sqlite").path
            var storeOptions = StoreOptions()
            storeOptions.store = storePath
            let store = try openStore(storeOptions)
            let options = ImportOptions(paths: [source], jobs: 2, command: "pstscope demo")
            let sessionID: String
            do {
                sessionID = try Importer(store: store, options: options, monitor: ConsoleMonitor()).run()
            } catch {
                throw fail(error.description)
            }
            let report = try sessionReport(store, sessionID)
            let text = SessionPrinter.detail(report)
            try write(SessionPrinter.json(report), to: directory.appendingPathComponent("session.json"))
            try write(text, to: directory.appendingPathComponent("session.txt"))
            print(text, terminator: "")
            print("\nwrote \(out)/pstscope.sqlite, \(out)/session.json, \(out)/session.txt")
        }

        private func write(_ text: String, to url: URL) throws {
            do {
                try Data(text.utf8).write(to: url)
            } catch {
                throw fail("cannot write \(url.path): \(error.localizedDescription)")
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
