import Foundation
import Testing
import TestSupport

/// `pstscope report`, run as a user would, read back with independent parsers: Python's HTML
/// parser, openpyxl, its csv module and jsonschema.
@Suite struct ReportCommandTests {
    let scratch = Scratch()
    var store: String { scratch.path("store.sqlite") }
    var out: String { scratch.path("report") }
    static let samples = SampleCorpus.packageRoot.appendingPathComponent("samples")
    static let hostileCustodian = "=HYPERLINK(\"http://x\",\"<script>alert(1)</script>\")"

    func importSample(_ names: [String], custodian: String? = nil) throws {
        let paths = names.map { Self.samples.appendingPathComponent($0).path }
        let result = try Pstscope.run(["import"] + paths + ["--store", store, "--quiet"]
                                      + (custodian.map { ["--custodian", $0] } ?? []))
        #expect(result.status == 0, "\(result.stderr)")
    }

    func report() throws {
        let result = try Pstscope.run(["report", "--store", store, "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("report.xlsx") && result.stdout.contains("executive.html"))
    }

    func python(_ modules: String, _ script: String, _ arguments: [String]) throws -> Any {
        let python = try #require(ExternalTools.python(with: modules), "no python3 with \(modules) (make deps installs it)")
        let (status, output) = try ExternalTools.run(python, ["-c", script] + arguments)
        #expect(status == 0, "\(output)")
        return try JSONSerialization.jsonObject(with: Data(output.utf8), options: [.fragmentsAllowed])
    }

    static let htmlScript = """
        import sys, json
        from html.parser import HTMLParser
        class Collect(HTMLParser):
            def __init__(self):
                super().__init__(convert_charrefs=True)
                self.tags, self.attrs, self.text = set(), set(), []
            def handle_starttag(self, tag, attrs):
                self.tags.add(tag)
                self.attrs.update(name for name, _ in attrs)
            def handle_startendtag(self, tag, attrs):
                self.handle_starttag(tag, attrs)
            def handle_data(self, data):
                self.text.append(data)
        p = Collect()
        p.feed(open(sys.argv[1], encoding="utf-8").read())
        print(json.dumps({"tags": sorted(p.tags), "attrs": sorted(p.attrs), "text": "".join(p.text)}))
        """

    static let xlsxScript = """
        import sys, json, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        formulas = sum(1 for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f")
        summary = wb["Summary"]
        metrics = {summary.cell(r, 1).value: summary.cell(r, 2).value for r in range(4, summary.max_row + 1)
                   if summary.cell(r, 1).value}
        texts = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
        print(json.dumps({"formulas": formulas, "sheets": wb.sheetnames, "summary": metrics,
                          "rows": {ws.title: ws.max_row - 1 for ws in wb.worksheets}, "texts": texts,
                          "charts": len(summary._charts)}))
        """

    static let csvScript = """
        import sys, csv, glob, json, os
        out = {"bad": [], "tables": {}}
        for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.csv"))):
            rows = list(csv.reader(open(path, newline="", encoding="utf-8")))
            out["tables"][os.path.basename(path)[:-4]] = rows
            for row in rows:
                for cell in row:
                    if cell[:1] in ("=", "+", "-", "@"):
                        try:
                            float(cell)
                        except ValueError:
                            out["bad"].append(cell[:60])
        print(json.dumps(out))
        """

    static let allowedTags: Set<String> = [
        "html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "h3", "p", "section", "div",
        "figure", "figcaption", "svg", "path", "text", "rect", "line", "polyline", "circle", "table", "thead", "tbody",
        "tr", "th", "td", "ul", "li", "strong", "footer",
    ]
    static let allowedAttributes: Set<String> = [
        "lang", "charset", "name", "content", "class", "aria-label", "viewbox", "role", "d", "fill", "stroke",
        "stroke-width", "x", "y", "x1", "y1", "x2", "y2", "width", "height", "text-anchor", "points", "cx", "cy", "r",
        "http-equiv", "data-label",
    ]

    /// Hostile text everywhere (the `hostile` mailbox, and a custodian name that is a script
    /// and a formula): it stays text in every format.
    @Test func hostileTextStaysText() throws {
        try importSample(["hostile.pst"], custodian: Self.hostileCustodian)
        try report()
        for kind in ["executive", "detailed", "operational"] {
            let parsed = try python("html.parser", Self.htmlScript, ["\(out)/\(kind).html"]) as! [String: Any]
            let tags = Set(parsed["tags"] as! [String]), attributes = Set(parsed["attrs"] as! [String])
            #expect(!tags.contains("script"), "\(kind)")
            #expect(tags.isSubset(of: Self.allowedTags), "\(kind): \(tags.subtracting(Self.allowedTags))")
            #expect(attributes.isSubset(of: Self.allowedAttributes), "\(kind): \(attributes.subtracting(Self.allowedAttributes))")
            // The script is there, as text.
            #expect((parsed["text"] as! String).contains(Self.hostileCustodian), "\(kind)")
        }
        let detailed = try String(contentsOfFile: "\(out)/detailed.html", encoding: .utf8)
        #expect(!detailed.lowercased().contains("<script"))

        let xlsx = try python("openpyxl", Self.xlsxScript, ["\(out)/report.xlsx"]) as! [String: Any]
        #expect(xlsx["formulas"] as? Int == 0)
        #expect((xlsx["texts"] as! [String]).contains(Self.hostileCustodian))
        #expect((xlsx["texts"] as! [String]).contains { $0.hasPrefix("=") || $0.hasPrefix("+") || $0.hasPrefix("@") })

        let csv = try python("csv", Self.csvScript, ["\(out)/csv"]) as! [String: Any]
        #expect((csv["bad"] as! [String]).isEmpty, "\(csv["bad"]!)")
        let custodians = (csv["tables"] as! [String: [[String]]])["custodians"]!
        #expect(custodians.dropFirst().first?.first == "'" + Self.hostileCustodian)
    }

    /// One store, four formats, and the commands' own JSON: the same numbers everywhere.
    @Test func formatsAgreeWithEachOtherAndTheCommands() throws {
        try importSample(["gappy.pst"], custodian: "gappy")
        try importSample(["multi-1.pst", "multi-2.pst", "multi-3.pst"], custodian: "multi")
        try report()
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/report.json"))) as! [String: Any]
        let summary = json["summary"] as! [String: Any]

        // The JSON follows its schema.
        let schema = SampleCorpus.packageRoot.appendingPathComponent("schemas/report.schema.json").path
        let valid = try python("jsonschema", """
            import sys, json, jsonschema
            jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))
            print("true")
            """, ["\(out)/report.json", schema]) as? Bool
        #expect(valid == true)

        // Sessions: the session records.
        let sessions = try JSONSerialization.jsonObject(with: Data(
            try Pstscope.run(["sessions", "--store", store, "--format", "json"]).stdout.utf8)) as! [[String: Any]]
        #expect(summary["sessions"] as? Int == 2)
        #expect(summary["emails"] as? Int == sessions.reduce(0) { $0 + ($1["total_emails"] as! Int) })
        #expect(summary["contacts_created"] as? Int == sessions.reduce(0) { $0 + ($1["contacts_created"] as! Int) })
        #expect(summary["emails"] as? Int ?? 0 > 1900)

        // Gaps: what `pstscope gaps` says.
        let gapsDocument = try JSONSerialization.jsonObject(with: Data(
            try Pstscope.run(["gaps", "--store", store, "--format", "json"]).stdout.utf8)) as! [String: Any]
        let commandGaps = (gapsDocument["entities"] as! [[String: Any]]).flatMap { entity in
            (entity["gaps"] as! [[String: Any]]).map { gap in
                "\(entity["custodian"]!)|\(entity["contact"] as? String ?? "")|\(gap["start"]!)|\(gap["end"]!)|\(gap["severity"]!)"
            }
        }
        let reportGaps = (json["gaps"] as! [[String: Any]]).map {
            "\($0["custodian"]!)|\($0["contact"] as! String)|\($0["start"]!)|\($0["end"]!)|\($0["severity"]!)"
        }
        #expect(Set(reportGaps) == Set(commandGaps) && reportGaps.count == commandGaps.count)
        #expect(!reportGaps.isEmpty)

        // Senders: what `pstscope senders` says.
        let senders = try JSONSerialization.jsonObject(with: Data(
            try Pstscope.run(["senders", "--store", store, "--top", "0", "--format", "json"]).stdout.utf8)) as! [[String: Any]]
        let reportSenders = json["senders"] as! [[String: Any]]
        #expect(reportSenders.count == senders.count)
        for (a, b) in zip(reportSenders.prefix(20), senders.prefix(20)) {
            #expect(a["sender_email"] as? String == b["sender_email"] as? String)
            #expect(a["total_emails"] as? Int == (b["metrics"] as! [String: Any])["total_emails"] as? Int)
            #expect(a["importance_score"] as? Double == (b["metrics"] as! [String: Any])["importance_score"] as? Double)
        }

        // CSV and XLSX: the same tables.
        let csv = try python("csv", Self.csvScript, ["\(out)/csv"]) as! [String: Any]
        let tables = csv["tables"] as! [String: [[String]]]
        for row in tables["summary"]!.dropFirst() {
            #expect(Double(row[1]) == (summary[row[0]] as? NSNumber)?.doubleValue, "\(row[0])")
        }
        #expect(tables["gaps"]!.count - 1 == reportGaps.count)
        #expect(tables["senders"]!.count - 1 == senders.count)
        let xlsx = try python("openpyxl", Self.xlsxScript, ["\(out)/report.xlsx"]) as! [String: Any]
        #expect(Set(xlsx["sheets"] as! [String]).isSuperset(of: ["Summary", "Sessions", "Files", "Senders", "Gaps", "Timeline", "Errors"]))
        for (metric, value) in xlsx["summary"] as! [String: Any] where summary[metric] != nil {
            #expect((value as? NSNumber)?.doubleValue == (summary[metric] as? NSNumber)?.doubleValue, "\(metric)")
        }
        let rows = xlsx["rows"] as! [String: Int]
        #expect(rows["Gaps"] == reportGaps.count && rows["Senders"] == senders.count)
        #expect(xlsx["formulas"] as? Int == 0)
        #expect(xlsx["charts"] as? Int == 2)

        // HTML: the headline figures.
        let executive = try python("html.parser", Self.htmlScript, ["\(out)/executive.html"]) as! [String: Any]
        let text = executive["text"] as! String
        let emails = (summary["emails"] as! Int).formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
        #expect(text.contains("Emails\(emails)"), "\(emails)")
        #expect(text.contains("No imported PST covers"))
    }
}
