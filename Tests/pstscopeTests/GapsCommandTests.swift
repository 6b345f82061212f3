import Foundation
import Testing
import TestSupport

/// `pstscope gaps` and `pstscope analyze`, run as a user would, on the committed `multi`
/// sample: one custodian over three PSTs with a range that none of them covers.
@Suite struct GapsCommandTests {
    let scratch = Scratch()
    var store: String { scratch.path("store.sqlite") }
    static let samples = SampleCorpus.packageRoot.appendingPathComponent("samples")
    static let multi = (1...3).map { samples.appendingPathComponent("multi-\($0).pst").path }
    static let uncovered = ("2023-05-29", "2023-06-23")

    func imported() throws -> CommandResult {
        let result = try Pstscope.run(["import"] + Self.multi + ["--store", store, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        return result
    }

    func json(_ arguments: [String] = []) throws -> [String: Any] {
        let result = try Pstscope.run(["gaps", "--store", store, "--format", "json"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// The gaps and their evidence do not depend on the order the files were imported in
    /// (which sets their ids): the covering files are listed by date.
    @Test func theEvidenceIsTheSameWhateverTheImportOrder() throws {
        var outputs: [String] = []
        for (name, files) in [("forward", Self.multi), ("backward", Self.multi.reversed())] {
            let path = scratch.path("\(name).sqlite")
            let result = try Pstscope.run(["import"] + files + ["--store", path, "--jobs", "1", "--quiet"])
            #expect(result.status == 0, "\(result.stderr)")
            outputs.append(try Pstscope.run(["gaps", "--store", path, "--format", "csv"]).stdout)
        }
        #expect(outputs[0].contains("covering_files"))
        #expect(outputs[0] == outputs[1])
    }

    @Test func importAnalysesAndGapsReportsTheUncoveredRange() throws {
        let result = try imported()
        #expect(result.stdout.contains("Gap analysis: 1 mailbox, "))
        let document = try json()
        let entities = try #require(document["entities"] as? [[String: Any]])
        let mailbox = try #require(entities.first { $0["entity"] as? String == "mailbox" })
        for field in ["completeness_score", "span", "messages", "custodian", "gaps"] { #expect(mailbox[field] != nil, "\(field)") }
        #expect(mailbox["messages"] as? Int == 900)
        let gaps = try #require(mailbox["gaps"] as? [[String: Any]])
        let gap = try #require(gaps.first { ($0["end"] as! String) >= Self.uncovered.0 && ($0["start"] as! String) <= Self.uncovered.1 })
        for field in ["entity", "start", "end", "business_days", "expected_messages", "probability", "severity",
                      "context", "evidence", "recommendation"] {
            #expect(gap[field] != nil, "\(field)")
        }
        #expect((gap["recommendation"] as? String)?.hasPrefix("No imported PST covers") == true)
        let evidence = try #require(gap["evidence"] as? [String: Any])
        #expect(evidence["coverage"] as? String == "none")
        // The overlap of the first two files is not a gap, nor the seams between them.
        #expect(!gaps.contains { ($0["start"] as! String) >= "2022-04-01" && ($0["end"] as! String) <= "2022-06-30" })
        let settings = try #require(document["settings"] as? [String: Any])
        #expect(settings["workweek"] as? String == "mon-fri")
        #expect(settings["regions"] as? [String] == ["us"])
    }

    @Test func tableCSVAndFilters() throws {
        _ = try imported()
        let table = try Pstscope.run(["gaps", "--store", store])
        #expect(table.status == 0)
        #expect(table.stdout.contains("(mailbox), 2021-"))
        #expect(table.stdout.contains("→ No imported PST covers"))

        let csv = try Pstscope.run(["gaps", "--store", store, "--format", "csv"])
        let lines = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "custodian,contact,entity_messages,completeness_score,start,end,business_days,"
                + "expected_messages,probability,severity,context,recommendation,evidence")
        let all = try json()["entities"] as! [[String: Any]]
        let gapCount = all.reduce(0) { $0 + ($1["gaps"] as! [Any]).count }
        #expect(lines.count == gapCount + 1)

        let late = try json(["--from", "2023-06-01", "--min-severity", "major"])["entities"] as! [[String: Any]]
        for entity in late {
            for gap in entity["gaps"] as! [[String: Any]] {
                #expect((gap["end"] as! String) >= "2023-06-01")
                #expect(["major", "critical"].contains(gap["severity"] as! String))
            }
        }
    }

    @Test func contactsAndBadInput() throws {
        _ = try imported()
        let unknown = try Pstscope.run(["gaps", "--store", store, "--contact", "nobody@nowhere.example"])
        #expect(unknown.status == 1)
        #expect(unknown.errorLines == ["pstscope: error: no mail with nobody@nowhere.example in \(store)"])

        let frequent = try json()["entities"] as! [[String: Any]]
        let contact = try #require(frequent.first { $0["entity"] as? String == "contact" }?["contact"] as? String)
        let one = try json(["--contact", contact.uppercased()])["entities"] as! [[String: Any]]
        #expect(one.count == 1 && one[0]["contact"] as? String == contact)

        for arguments in [["--min-severity", "huge"], ["--from", "2023-13-01"], ["--from", "2023-05-01", "--to", "2023-01-01"],
                          ["--contact", "a@b.example", "--custodian", "X"]] {
            let result = try Pstscope.run(["gaps", "--store", store] + arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.errorLines.count == 1, "\(arguments): \(result.stderr)")
        }
    }

    @Test func calendarSettingsAreKeptAndValidated() throws {
        _ = try imported()
        let holidays = try scratch.file("closing.txt", Data("# company days\r\n2023-12-27 Closing day\r\n\n2023-12-28\r\n".utf8))
        let result = try Pstscope.run(["analyze", "--store", store, "--holidays", "us,de", "--workweek", "mon-thu",
                                       "--holiday-file", holidays])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Gap analysis: 1 mailbox, "))
        let settings = try json()["settings"] as! [String: Any]
        #expect(settings["workweek"] as? String == "mon-thu")
        #expect(settings["regions"] as? [String] == ["us", "de"])
        #expect(settings["custom_holidays"] as? Int == 2)
        // Kept for the next recomputation, which an import triggers.
        _ = try Pstscope.run(["import", Self.multi[0], "--store", store, "--quiet"])
        #expect(try json()["settings"] as? [String: Any] as NSDictionary? == settings as NSDictionary)

        let bad = try scratch.file("bad.txt", Data("2023-01-02 ok\n2023-02-30 Nope\n".utf8))
        let badFile = try Pstscope.run(["analyze", "--store", store, "--holiday-file", bad])
        #expect(badFile.status == 1)
        #expect(badFile.errorLines == ["pstscope: error: holiday file \(bad), line 2: \"2023-02-30 Nope\" is not \"YYYY-MM-DD name\""])
        let missing = try Pstscope.run(["analyze", "--store", store, "--holiday-file", scratch.path("none.txt")])
        #expect(missing.errorLines == ["pstscope: error: cannot read holiday file \(scratch.path("none.txt"))"])
        let region = try Pstscope.run(["analyze", "--store", store, "--holidays", "mars"])
        #expect(region.status == 1 && region.errorLines.count == 1)
    }

    /// Bad options are refused before the store is opened: a mistyped path does not leave a new,
    /// empty store behind.
    @Test(arguments: [["--workweek", "someday"], ["--holidays", "mars"], ["--holiday-file", "/nonexistent/days.txt"]])
    func analyzeChecksItsOptionsBeforeOpeningTheStore(options: [String]) throws {
        let fresh = scratch.path("never-made.sqlite")
        let result = try Pstscope.run(["analyze", "--store", fresh] + options)
        #expect(result.status == 1 && result.errorLines.count == 1, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fresh))
    }
}
