import Foundation
import Testing
import TestSupport

/// The session commands and the import command's output, run as a user would.
@Suite(
    .enabled(if: SampleCorpus.isAvailable, Comment(rawValue: SampleCorpus.missingMessage)))
struct CommandTests {
    let scratch = Scratch()
    var store: String { scratch.path("store.sqlite") }

    func sample(_ name: String) -> String { SampleCorpus.entry(containing: name)!.path }

    @Test func cleanImportExitsZeroWithPlainProgressLines() throws {
        let result = try Pstscope.run(["import", sample("tika__testPST.pst"), "--store", store])
        #expect(result.status == 0)
        #expect(result.stderr.contains("[1/1] imported  \(sample("tika__testPST.pst")): 7 emails (7 new, 0 duplicates)"))
        #expect(result.stdout.contains("emails    7 found, 7 new, 0 duplicates"))
        #expect(result.errorLines.isEmpty)
    }

    /// A file with unreadable items is partial, whether it is read in a worker or in process, and
    /// the run's last sample (here, the error rate) is told before the session's end.
    @Test func unreadableItemsMakeAFilePartial() throws {
        for mode in [[], ["--in-process"]] {
            let store = scratch.path("partial\(mode.count).sqlite")
            let result = try Pstscope.run(["import", sample("Test_part1.pst"), "--store", store, "--format", "json"] + mode)
            #expect(result.status == 2)
            let record = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let file = try #require((record["files"] as? [[String: Any]])?.first)
            #expect(file["status"] as? String == "partial" && file["items_failed"] as? Int == 12, "\(file)")
            let alerts = result.stderr.split(separator: "\n").filter { $0.hasPrefix("pstscope: alert:") }
            #expect(alerts.last?.contains("session_complete") == true, "\(alerts)")
        }
    }

    @Test func sessionJSONHasTheDocumentedFields() throws {
        let result = try Pstscope.run(["import", sample("SampleOstFile.ost"), sample("tika__testPST.pst"),
                                       "--store", store, "--custodian", "Saqib Razzaq", "--quiet", "--format", "json"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "--quiet prints nothing on stderr")
        let report = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for field in ["session_id", "start_time", "end_time", "total_emails", "processed_emails", "successful_imports",
                      "duplicates_detected", "contacts_created", "batch_performance", "error_summary", "files"] {
            #expect(report[field] != nil, "\(field)")
        }
        let id = try #require(report["session_id"] as? String)
        #expect(id.wholeMatch(of: /import_\d{8}_\d{6}/) != nil)
        #expect(report["total_emails"] as? Int == 87)
        let performance = try #require(report["batch_performance"] as? [String: Any])
        #expect((performance["batches"] as? Int ?? 0) >= 1)
        #expect((performance["emails_per_minute"] as? Double ?? 0) > 0)
        let files = try #require(report["files"] as? [[String: Any]])
        #expect(files.map { $0["custodian"] as? String } == ["Saqib Razzaq", "Saqib Razzaq"])
        #expect(files.allSatisfy { $0.keys.contains("error") && $0["error"] is NSNull })

        // `session ID --format json` prints the same record.
        let shown = try Pstscope.run(["session", id, "--store", store, "--format", "json"])
        let again = try #require(JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect(again["successful_imports"] as? Int == report["successful_imports"] as? Int)
        #expect((again["files"] as? [Any])?.count == 2)
    }

    @Test func detectedCustodianComesFromSentItems() throws {
        let result = try Pstscope.run(["import", sample("SampleOstFile.ost"), "--store", store, "--quiet", "--format", "json"])
        let report = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let file = try #require((report["files"] as? [[String: Any]])?.first)
        #expect(file["custodian"] as? String == "saqib.razzaq@ex2010.local")
        #expect(file["content_type"] as? String == "ost")
    }

    @Test func sessionsTableListsNewestFirst() throws {
        _ = try Pstscope.run(["import", sample("tika__testPST.pst"), "--store", store, "--quiet"])
        Thread.sleep(forTimeInterval: 1.1)
        _ = try Pstscope.run(["import", sample("tika__testPST.pst"), "--store", store, "--quiet"])
        let result = try Pstscope.run(["sessions", "--store", store])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("SESSION"))
        // Newest first: the second import found only duplicates. Columns: … EMAILS NEW DUPLICATES …
        let columns = lines.map { $0.split(separator: " ").map(String.init) }
        #expect(Array(columns[1][1...6]) == ["completed", columns[1][2], "1", "7", "0", "7"])
        #expect(Array(columns[2][3...6]) == ["1", "7", "7", "0"])
    }

    @Test func storeFromTheEnvironment() throws {
        let result = try Pstscope.run(["import", sample("tika__testPST.pst"), "--quiet"],
                                      environment: ["PSTSCOPE_STORE": store])
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: store))
    }

    @Test func unknownSessionIsOneClearError() throws {
        _ = try Pstscope.run(["sessions", "--store", store])
        let result = try Pstscope.run(["session", "import_19990101_000000", "--store", store])
        #expect(result.status == 1)
        #expect(result.errorLines == ["pstscope: error: \(store): no import session import_19990101_000000"])
    }

    @Test func usageErrorsExitOne() throws {
        let result = try Pstscope.run(["import", "--store", store])
        #expect(result.status == 1)
        #expect(result.errorLines == ["pstscope: error: name at least one PST/OST file or directory"])
        #expect(try Pstscope.run(["import", "x.pst", "--jobs", "0", "--store", store]).stderr.contains("--jobs must be at least 1"))
    }
}
