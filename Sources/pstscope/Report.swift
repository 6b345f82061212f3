import ArgumentParser
import Foundation
import OwnedFiles
import Reports
import Store

extension Pstscope {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the executive, detailed and operational reports as HTML, XLSX, CSV and JSON.",
            discussion: """
                Reads the analytics store only. Writes into DIR: executive.html, detailed.html, operational.html \
                (self-contained, from templates/), report.xlsx, csv/<table>.csv and report.json \
                (schema: schemas/report.schema.json).
                """)

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "executive, detailed, operational or all.")
        var kind: ReportKind = .all

        @Option(help: "html, xlsx, csv, json or all.")
        var format: ReportFormat = .all

        @Option(help: "Where to write the reports.")
        var out = "pstscope-report"

        @Option(help: "One session only (sessions, files, errors and throughput).")
        var session: String?

        @Option(help: "Timeline and gaps from this day (YYYY-MM-DD).")
        var from: String?

        @Option(help: "Timeline and gaps up to this day (YYYY-MM-DD).")
        var to: String?

        enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case html, xlsx, csv, json, all }

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
            let formats = format == .all ? [ReportFormat.html, .xlsx, .csv, .json] : [format]
            var output: OutputDirectory
            do { output = try OutputDirectory(claiming: out) } catch { throw fail(error.description) }
            for path in try writeReports(model, kinds: kinds, formats: formats, into: &output) {
                print("wrote \(path)")
            }
        }
    }
}

extension ReportKind: ExpressibleByArgument {}

/// Writes the reports into `output`; returns the paths written. A failure is one error line.
func writeReports(_ model: ReportModel, kinds: [ReportKind] = ReportKind.reports,
                  formats: [Pstscope.Report.ReportFormat] = [.html, .xlsx, .csv, .json],
                  into output: inout OutputDirectory) throws -> [String] {
    var written: [String] = []
    func write(_ text: String, _ name: String) throws {
        written.append(try output.write(Data(text.utf8), as: name))
    }
    do {
        let tables = ReportTables.all(model)
        for format in formats {
            switch format {
            case .json:
                try write(ReportFiles.json(model, tables: tables), "report.json")
            case .csv:
                for table in tables { try write(ReportFiles.csv(table), "csv/\(table.name).csv") }
            case .xlsx:
                let path = try output.claim("report.xlsx")
                try XLSXReport.write(model, tables: tables, to: path)
                try PrivateFiles.restrict(path)
                written.append(path)
            case .html:
                let renderer = try HTMLReport(templates: try templatesDirectory())
                for kind in kinds { try write(try renderer.render(kind, model: model), "\(kind.rawValue).html") }
            case .all: break
            }
        }
    } catch let error as ExitCode {
        throw error
    } catch let error as OutputError {
        throw fail(error.description)
    } catch {
        throw fail("cannot write the report into \(output.path): \(error)")
    }
    return written
}

/// Where the report templates are: $PSTSCOPE_TEMPLATES, else a `templates` folder beside the
/// executable or above it (the repository when run from .build), else ./templates.
func templatesDirectory() throws -> URL {
    let marker = "executive.mustache"
    var candidates: [URL] = []
    if let path = ProcessInfo.processInfo.environment["PSTSCOPE_TEMPLATES"] { candidates.append(URL(fileURLWithPath: path)) }
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<5 {
        candidates.append(directory.appendingPathComponent("templates"))
        directory.deleteLastPathComponent()
    }
    candidates.append(URL(fileURLWithPath: "templates"))
    guard let found = candidates.first(where: {
        FileManager.default.fileExists(atPath: $0.appendingPathComponent(marker).path)
    }) else {
        throw fail("report templates not found: set PSTSCOPE_TEMPLATES to the templates folder")
    }
    return found
}
