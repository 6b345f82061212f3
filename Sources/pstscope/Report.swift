import ArgumentParser
import Foundation
import OwnedFiles
import Reports
import Store

extension Pstscope {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the executive, detailed and operational reports as HTML, PDF, XLSX, CSV and JSON.",
            discussion: """
                Reads the analytics store only. Writes into DIR: executive.html, detailed.html, operational.html \
                (self-contained, from templates/), the same as executive.pdf, detailed.pdf and operational.pdf \
                (printed by headless Chromium; without it, the other formats are written and the exit code is 2), \
                report.xlsx, csv/<table>.csv and report.json (schema: schemas/report.schema.json).
                """)

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "executive, detailed, operational or all.")
        var kind: ReportKind = .all

        @Option(help: "html, pdf, xlsx, csv, json or all.")
        var format: FormatChoice = .all

        @Option(help: "The PDF reports' paper: a4 or letter.")
        var paper: PaperSize = .a4

        @Option(help: "Where to write the reports.")
        var out = "pstscope-report"

        @Option(help: "One session only (sessions, files, errors and throughput).")
        var session: String?

        @Option(help: "Timeline and gaps from this day (YYYY-MM-DD).")
        var from: String?

        @Option(help: "Timeline and gaps up to this day (YYYY-MM-DD).")
        var to: String?

        enum FormatChoice: String, ExpressibleByArgument, CaseIterable {
            case html, pdf, xlsx, csv, json, all

            var formats: [ReportFormat] {
                switch self {
                case .html: [.html]
                case .pdf: [.pdf]
                case .xlsx: [.xlsx]
                case .csv: [.csv]
                case .json: [.json]
                case .all: ReportFormat.allCases
                }
            }
        }

        func validate() throws {
            try validateDayRange(from: from, to: to)
        }

        func run() throws {
            let store = try openStore(storeOptions)
            let model: ReportModel
            do {
                model = try ReportModel.load(store, filter: ReportFilter(session: session, from: from, to: to))
            } catch {
                throw fail("\(store.path): \(error)")
            }
            let kinds = kind == .all ? ReportKind.reports : [kind]
            var output: OutputDirectory
            do { output = try OutputDirectory(claiming: out) } catch { throw fail(error.description) }
            // Each file is named as it is written: without a PDF engine, the run still lists the others.
            _ = try writeReports(model, kinds: kinds, formats: format.formats, paper: paper, into: &output) {
                print("wrote \($0)")
            }
        }
    }
}

extension ReportKind: ExpressibleByArgument {}
