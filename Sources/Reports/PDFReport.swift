import Foundation

/// Paper for the PDF reports.
public enum PaperSize: String, CaseIterable, Sendable {
    case a4, letter

    /// CSS's name for it in `@page { size: … }`.
    var css: String { self == .a4 ? "A4" : "letter" }
}

/// Why a PDF could not be made. One line.
public struct PDFError: Error, Sendable, CustomStringConvertible {
    public let description: String
    /// True when no engine is installed: the other formats can still be written.
    public let engineMissing: Bool
}

/// The PDF reports: the HTML reports printed by headless Chromium through their print
/// stylesheet, which lays out the pages (`@page` margin boxes give the title, the date and
/// "page N of M"; tables break between rows and repeat their header row). Chromium keeps the
/// SVG charts as vectors and embeds the fonts it uses, and the text stays text.
public struct PDFPrinter: Sendable {
    /// The Chromium to run: $PSTSCOPE_CHROMIUM, else the first of the usual names on PATH.
    public let engine: String

    static let engineNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
    public static let installHint = "apt-get install chromium (or set PSTSCOPE_CHROMIUM to a Chromium or Chrome binary)"

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws(PDFError) {
        if let configured = environment["PSTSCOPE_CHROMIUM"], !configured.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: configured) else {
                throw PDFError(description: "PSTSCOPE_CHROMIUM=\(configured) is not an executable: \(Self.installHint)",
                               engineMissing: true)
            }
            engine = configured
            return
        }
        let directories = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in Self.engineNames {
            for directory in directories where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                engine = "\(directory)/\(name)"
                return
            }
        }
        throw PDFError(description: "PDF reports need headless Chromium, which is not installed: \(Self.installHint)",
                       engineMissing: true)
    }

    /// Prints `html` (a self-contained page with no script) to PDF and returns the document.
    /// The page is opened from a private temporary folder with a throwaway profile, so that
    /// nothing reaches the user's own browser settings; its Content-Security-Policy lets it run
    /// no script and fetch nothing.
    public func print(_ html: String, timeout: Duration = .seconds(600)) throws(PDFError) -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pstscope-pdf-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o700])
            try Data(html.utf8).write(to: folder.appendingPathComponent("report.html"))
        } catch {
            throw PDFError(description: "cannot prepare the page for printing: \(error.localizedDescription)", engineMissing: false)
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("report.pdf")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: engine)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions", "--no-first-run",
            "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
            "--no-pdf-header-footer", "--print-to-pdf=\(output.path)",
            folder.appendingPathComponent("report.html").absoluteString,
        ]
        let log = folder.appendingPathComponent("engine.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try? FileHandle(forWritingTo: log)
        do { try process.run() } catch {
            throw PDFError(description: "cannot run \(engine): \(error.localizedDescription)", engineMissing: true)
        }
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { usleep(50_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw PDFError(description: "\(engine) did not finish printing within \(timeout)", engineMissing: false)
        }
        guard process.terminationStatus == 0, let pdf = try? Data(contentsOf: output), pdf.starts(with: Array("%PDF".utf8))
        else {
            let said = (try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n").last.map(String.init) ?? ""
            throw PDFError(description: "\(engine) printed no PDF (exit \(process.terminationStatus))"
                           + (said.isEmpty ? "" : ": \(said)"), engineMissing: false)
        }
        return pdf
    }
}
