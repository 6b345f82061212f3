import Foundation
import GRDB
import Testing
import TestSupport

/// `report --format pdf` read back with poppler's tools, and the HTML reports' layout measured
/// in headless Chromium at phone, tablet and desktop widths.
@Suite(.serialized)
struct PDFReportTests {
    static let engine = ExternalTools.path("chromium")
    static let poppler = ["pdfinfo", "pdftotext", "pdffonts"].allSatisfy { ExternalTools.path($0) != nil }
    static let ready = engine != nil && poppler
    static let missing = "chromium or poppler-utils not installed (make test installs them): skipped"

    /// The gappy, multi and hostile mailboxes, each as its own custodian.
    static func store(in scratch: Scratch) throws -> String {
        let store = scratch.path("s.sqlite")
        for (custodian, files) in [("gappy", ["gappy.pst"]), ("multi", ["multi-1.pst", "multi-2.pst", "multi-3.pst"]),
                                   ("hostile", ["hostile.pst"])] {
            let result = try Pstscope.run(["import", "--store", store, "--quiet", "--custodian", custodian]
                                          + files.map(PruneTests.sample))
            try #require(result.status == 0, "\(result.stderr)")
        }
        return store
    }

    static func tool(_ name: String, _ arguments: [String]) throws -> String {
        let (status, output) = try ExternalTools.run(name, arguments)
        #expect(status == 0, "\(name) \(arguments): \(output)")
        return output
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
            out.append(character)
        }
        return out
    }

    @Test(.enabled(if: ready, Comment(rawValue: missing)))
    func pdfsArePagedTextWithEmbeddedFonts() throws {
        let scratch = Scratch()
        let store = try Self.store(in: scratch)
        let out = scratch.path("report"), letter = scratch.path("letter")
        let result = try Pstscope.run(["report", "--store", store, "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/report.json")))
        let summary = try #require((json as? [String: Any])?["summary"] as? [String: Any])

        for kind in ["executive", "detailed", "operational"] {
            let pdf = "\(out)/\(kind).pdf"
            #expect(try FileManager.default.attributesOfItem(atPath: pdf)[.posixPermissions] as? Int == 0o600)
            let info = try Self.tool("pdfinfo", [pdf])
            let pages = try #require(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
                .flatMap { Int($0.split(separator: " ").last ?? "") })
            #expect(pages >= 1)
            #expect(info.contains("(A4)"), "\(info)")
            // Every page carries the running title and "page N of M".
            for page in 1...pages {
                let text = try Self.tool("pdftotext", ["-f", "\(page)", "-l", "\(page)", pdf, "-"])
                #expect(text.contains("page \(page) of \(pages)"), "\(kind) page \(page)")
                #expect(text.contains("pstscope: "), "\(kind) page \(page)")
            }
            // Every font is embedded.
            let fonts = try Self.tool("pdffonts", [pdf]).split(separator: "\n").dropFirst(2)
            #expect(!fonts.isEmpty)
            for font in fonts {
                let columns = font.split(separator: " ", omittingEmptySubsequences: true)
                #expect(columns.count >= 7 && columns[columns.count - 5] == "yes", "\(kind): \(font)")
            }
        }

        // The executive KPIs are report.json's figures.
        // Words only: a KPI's note may wrap inside its box.
        let executive = try Self.tool("pdftotext", ["\(out)/executive.pdf", "-"])
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let int = { (key: String) in (summary[key] as? Int) ?? -1 }
        let number = { (key: String) in (summary[key] as? Double) ?? Double(int(key)) }
        for figure in [
            Self.grouped(int("emails")), Self.grouped(int("contacts_created")), Self.grouped(int("files")),
            String(format: "%.1f%%", number("import_success_rate")), String(format: "%.1f", number("mean_completeness")),
            "\(Self.grouped(int("new_messages"))) new", "\(Self.grouped(int("duplicates"))) duplicates",
            "\(int("files_failed")) failed", "mean over \(int("custodians")) mailboxes",
        ] {
            #expect(executive.contains(figure), "\(figure) not in the executive PDF")
        }

        // Hostile names stay text: markup and formulas come out as they were written.
        let names = try DatabaseQueue(path: store).read { db in
            try String.fetchAll(db, sql: """
                SELECT name FROM sender_profiles WHERE name LIKE '%<script%' OR name LIKE '=%' ORDER BY importance_score DESC
                """)
        }
        try #require(!names.isEmpty)
        let detailed = try Self.tool("pdftotext", ["\(out)/detailed.pdf", "-"]).filter { !$0.isWhitespace }
        for name in names.prefix(3) {
            #expect(detailed.contains(name.filter { !$0.isWhitespace }), "\(name) not in the detailed PDF as text")
        }

        // --paper letter.
        let onLetter = try Pstscope.run(["report", "--store", store, "--out", letter, "--format", "pdf", "--kind", "executive",
                                         "--paper", "letter"])
        #expect(onLetter.status == 0, "\(onLetter.stderr)")
        #expect(try Self.tool("pdfinfo", ["\(letter)/executive.pdf"]).contains("(letter)"))
    }

    /// Without an engine, every other format is written, then one line says how to get one: exit 2.
    @Test func withoutAnEngineTheOtherFormatsAreWritten() throws {
        let scratch = Scratch()
        let store = scratch.path("s.sqlite")
        try PruneTests.importing([PruneTests.sample("multi-3.pst")], into: store)
        let out = scratch.path("report")
        let result = try Pstscope.run(["report", "--store", store, "--out", out],
                                      environment: ["PATH": "/nonexistent", "PSTSCOPE_CHROMIUM": ""])
        #expect(result.status == 2)
        #expect(result.errorLines.count == 1 && result.errorLines[0].contains("apt-get install chromium"), "\(result.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(Set(written).isSuperset(of: ["executive.html", "detailed.html", "operational.html", "report.xlsx",
                                              "report.json", "csv"]))
        #expect(!written.contains { $0.hasSuffix(".pdf") })
    }

    static let layoutScript = """
        import json, sys
        from selenium import webdriver
        options = webdriver.ChromeOptions()
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
            options.add_argument(flag)
        driver = webdriver.Chrome(options=options)
        out = {}
        try:
            for width in (375, 768, 1440):
                driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                       {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 500})
                for path in sys.argv[1:]:
                    driver.get("file://" + path)
                    out[f"{path.rsplit('/', 1)[-1]}@{width}"] = driver.execute_script(
                        "const w = document.documentElement.clientWidth;"
                        "const wide = [...document.querySelectorAll('body *')].filter(e => {"
                        "  const r = e.getBoundingClientRect(); return r.right > w + 0.5 &&"
                        "  !e.closest('figure, .table-wrap'); }).slice(0, 3).map(e => e.tagName + '.' + e.className);"
                        "const cells = [...document.querySelectorAll('td')].filter(e =>"
                        "  e.getBoundingClientRect().right > w + 0.5).length;"
                        "const scaled = [...document.querySelectorAll('svg.chart')].filter(e =>"
                        "  Math.abs(e.getBoundingClientRect().width / e.viewBox.baseVal.width - 1) > 0.01).length;"
                        "return {scroll: document.documentElement.scrollWidth, client: w, wide: wide,"
                        "        cells: cells, scaled: scaled};")
        finally:
            driver.quit()
        print(json.dumps(out))
        """

    /// No element makes a page wider than the screen: tables become cards on phones (every cell
    /// on the screen), charts keep their drawn size, and what is still wider (a chart on a phone,
    /// a table on a tablet) scrolls inside its own box.
    @Test(.enabled(if: ExternalTools.python(with: "selenium") != nil && ExternalTools.path("chromedriver") != nil,
                   "python3-selenium or chromium-driver not installed (make test installs them): skipped"))
    func reportsFitEveryWidth() throws {
        let scratch = Scratch()
        let store = try Self.store(in: scratch)
        let out = scratch.path("report")
        let result = try Pstscope.run(["report", "--store", store, "--out", out, "--format", "html"])
        try #require(result.status == 0, "\(result.stderr)")
        let python = try #require(ExternalTools.python(with: "selenium"))
        let pages = ["executive", "detailed", "operational"].map { "\(out)/\($0).html" }
        let (status, output) = try ExternalTools.run(python, ["-c", Self.layoutScript] + pages)
        try #require(status == 0, "\(output)")
        let measured = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: [String: Any]])
        #expect(measured.count == 9)
        for (page, figures) in measured.sorted(by: { $0.key < $1.key }) {
            let scroll = figures["scroll"] as? Int ?? .max, client = figures["client"] as? Int ?? 0
            #expect(scroll <= client, "\(page): \(scroll) px of content in \(client) px; widest: \(figures["wide"] ?? "")")
            #expect((figures["wide"] as? [String])?.isEmpty == true, "\(page): \(figures["wide"] ?? "")")
            // Charts are drawn at their own size (text one size at every width).
            #expect(figures["scaled"] as? Int == 0, "\(page): \(figures["scaled"] ?? "") charts scaled")
            // On a phone every table cell is on the screen, none in a scrolled-away column.
            if client < 700 { #expect(figures["cells"] as? Int == 0, "\(page): \(figures["cells"] ?? "") cells off screen") }
        }
    }
}
