import ArgumentParser
import Foundation
import OwnedFiles
import Reports

/// The files a report is written as.
enum ReportFormat: CaseIterable {
    case html, xlsx, csv, json, pdf
}

extension PaperSize: ExpressibleByArgument {}

/// Writes the reports into `output`; returns the paths written. A failure is one error line.
/// Without a PDF engine the other formats are still written, then the run fails with exit 2
/// and one line that says how to install one.
func writeReports(_ model: ReportModel, kinds: [ReportKind] = ReportKind.reports,
                  formats: [ReportFormat] = ReportFormat.allCases, paper: PaperSize = .a4,
                  into output: inout OutputDirectory, wrote: (String) -> Void = { _ in }) throws -> [String] {
    var written: [String] = []
    var missingEngine: PDFError?
    func write(_ text: String, _ name: String) throws {
        written.append(try output.write(Data(text.utf8), as: name))
        wrote(written.last!)
    }
    do {
        let tables = ReportTables.all(model)
        for format in formats {
            switch format {
            case .json:
                try write(ReportFiles.json(model, tables: tables), "report.json")
            case .csv:
                for table in tables { try write(ReportFiles.csv(table), "csv/\(table.name.rawValue).csv") }
            case .xlsx:
                let path = try output.claim("report.xlsx")
                try XLSXReport.write(model, tables: tables, to: path)
                try PrivateFiles.restrict(path)
                written.append(path)
                wrote(path)
            case .html:
                let renderer = try HTMLReport(templates: try templatesDirectory())
                for kind in kinds { try write(try renderer.render(kind, model: model), "\(kind.rawValue).html") }
            case .pdf:
                let printer: PDFPrinter
                do { printer = try PDFPrinter() } catch { missingEngine = error; continue }
                let renderer = try HTMLReport(templates: try templatesDirectory())
                for kind in kinds {
                    let pdf = try printer.print(try renderer.render(kind, model: model, paper: paper))
                    written.append(try output.write(pdf, as: "\(kind.rawValue).pdf"))
                    wrote(written.last!)
                }
            }
        }
    } catch let error as ExitCode {
        throw error
    } catch let error as OutputError {
        throw fail(error.description)
    } catch let error as PDFError {
        throw fail(error.description)
    } catch {
        throw fail("cannot write the report into \(output.path): \(error)")
    }
    if let missingEngine { throw fail(missingEngine.description + "; every other format was written", code: 2) }
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
