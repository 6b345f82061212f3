import Foundation
import Testing
import TestSupport

/// No command deletes or overwrites what it did not write: `demo`, `report` and `synth` take a
/// new or empty directory, or their own earlier output, and refuse anything else with one line.
@Suite struct OutputSafetyTests {
    let scratch = Scratch()
    static let samples = SampleCorpus.packageRoot.appendingPathComponent("samples")

    /// Every file under `directory`, relative, with its bytes.
    func contents(_ directory: String) throws -> [String: Data] {
        var found: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = "\(directory)/\(name)"
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                found[name] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return found
    }

    /// A directory holding someone's files, which a command must leave exactly as they were.
    func foreignDirectory(_ name: String) throws -> (path: String, before: [String: Data]) {
        let directory = scratch.path(name)
        try scratch.file("\(name)/thesis.docx", Data("four years of work".utf8))
        try scratch.file("\(name)/photos/2019.jpg", Data([0xFF, 0xD8, 0xFF, 0xE0]))
        return (directory, try contents(directory))
    }

    @Test func demoRefusesADirectoryItDidNotWrite() throws {
        let (directory, before) = try foreignDirectory("home")
        let result = try Pstscope.run(["demo", "--out", directory, "--samples", Self.samples.path])
        #expect(result.status == 1)
        #expect(result.errorLines.count == 1, "\(result.stderr)")
        #expect(result.errorLines.first?.contains(directory) == true)
        #expect(try contents(directory) == before, "nothing deleted, nothing added")
    }

    @Test func demoRunsAgainInItsOwnDirectoryAndKeepsWhatElseIsThere() throws {
        let out = scratch.path("demo")
        let first = try Pstscope.run(["demo", "--out", out, "--samples", Self.samples.path])
        #expect(first.status == 0, "\(first.stderr)")
        try scratch.file("demo/notes.txt", Data("mine".utf8))
        let second = try Pstscope.run(["demo", "--out", out, "--samples", Self.samples.path])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try String(contentsOfFile: "\(out)/notes.txt", encoding: .utf8) == "mine")
        // A fresh store, not the first run's with every session twice.
        let sessions = try Pstscope.run(["sessions", "--store", "\(out)/pstscope.sqlite", "--format", "json"])
        let list = try #require(JSONSerialization.jsonObject(with: Data(sessions.stdout.utf8)) as? [[String: Any]])
        #expect(list.count == 4)
    }

    @Test func reportRefusesADirectoryItDidNotWriteAndAFileItDidNotWrite() throws {
        let store = scratch.path("store.sqlite")
        let imported = try Pstscope.run(["import", Self.samples.appendingPathComponent("steady.pst").path,
                                         "--store", store, "--quiet"])
        #expect(imported.status == 0, "\(imported.stderr)")

        let (directory, before) = try foreignDirectory("documents")
        let refused = try Pstscope.run(["report", "--store", store, "--out", directory, "--format", "json"])
        #expect(refused.status == 1 && refused.errorLines.count == 1, "\(refused.stderr)")
        #expect(try contents(directory) == before)

        // Its own directory, written again: allowed; a file someone put there under a name the
        // report uses: refused, and kept.
        let out = scratch.path("report")
        #expect(try Pstscope.run(["report", "--store", store, "--out", out, "--format", "json"]).status == 0)
        #expect(try Pstscope.run(["report", "--store", store, "--out", out, "--format", "json"]).status == 0)
        try scratch.file("report/report.xlsx", Data("someone's spreadsheet".utf8))
        let xlsx = try Pstscope.run(["report", "--store", store, "--out", out, "--format", "xlsx"])
        #expect(xlsx.status == 1 && xlsx.errorLines.count == 1, "\(xlsx.stderr)")
        #expect(xlsx.errorLines.first?.contains("report.xlsx") == true)
        #expect(try String(contentsOfFile: "\(out)/report.xlsx", encoding: .utf8) == "someone's spreadsheet")
    }

    @Test func synthReplacesOnlyAPSTItWroteBefore() throws {
        let target = scratch.path("mail.pst")
        let options = ["synth", "--out", target, "--scenario", "steady", "--messages", "40"]
        #expect(try Pstscope.run(options).status == 0)
        let again = try Pstscope.run(options + ["--seed", "2"])
        #expect(again.status == 0, "its own PST and truth file are replaced: \(again.stderr)")

        // Someone's real mailbox of the same name, and someone's JSON where the truth would go.
        let real = try scratch.file("real.pst", Data("!BDN someone's mailbox".utf8))
        let onReal = try Pstscope.run(["synth", "--out", real, "--messages", "40"])
        #expect(onReal.status == 1 && onReal.errorLines.count == 1, "\(onReal.stderr)")
        #expect(try String(contentsOfFile: real, encoding: .utf8) == "!BDN someone's mailbox")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("real.truth.json")))

        let truth = try scratch.file("other.truth.json", Data(#"{"mine": true}"#.utf8))
        let onTruth = try Pstscope.run(["synth", "--out", scratch.path("other.pst"), "--messages", "40"])
        #expect(onTruth.status == 1 && onTruth.errorLines.count == 1, "\(onTruth.stderr)")
        #expect(try String(contentsOfFile: truth, encoding: .utf8) == #"{"mine": true}"#)
        #expect(!FileManager.default.fileExists(atPath: scratch.path("other.pst")))
    }
}
