import Foundation
import Testing
import TestSupport

/// `pstscope.toml` is read before anything else of an import: whatever it holds, a bad one
/// ends the run with one error line naming the file, never with a crash.
struct ImportConfigTests {
    let scratch = Scratch()

    func importWith(config text: String, _ paths: [String]) throws -> (result: CommandResult, config: String) {
        let config = try scratch.file("config-\(UUID().uuidString).toml", Data(text.utf8))
        let result = try Pstscope.run(["import"] + paths + ["--store", scratch.path("s.sqlite"), "--config", config, "--quiet"])
        return (result, config)
    }

    /// TOML's parser (toml++ inside TOMLKit) asserts, and so aborted pstscope, on a table
    /// header whose name starts with a character no key can start with, and on a date-time cut
    /// short (both found by Fuzz/ImportConfig); the same goes for the rest of TOML that no
    /// setting takes.
    @Test(arguments: [
        ("[\u{FFFD}", 1), ("[!", 1), ("[monitor]\nenabled = true\n[\n", 3), ("  [[ \t!]]\n", 1), ("[import]\r\n[\r\n", 2),
        ("[monitor]\nat = 2026-11-22Tim450:11Z\n", 2),
        ("import = { jobs = 4 }", 1), ("[alerts]\ncommand = \"\"\"\npage\n\"\"\"\n", 2), ("jobs = 0x4", 1), ("\"jobs\" = 4", 1),
    ])
    func toTOMLBeyondTheSettingsTheAnswerIsAnError(_ text: String, line: Int) throws {
        let (result, config) = try importWith(config: text, [scratch.path("none.pst")])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.errorLines == ["pstscope: error: \(config): unsupported TOML at line \(line): pstscope.toml takes "
            + "[tables] and key = value lines whose value is a number, true, false or a one-line string"])
    }

    /// The README's settings and every other kind of line of the subset still read.
    @Test func theDocumentedSettingsRead() throws {
        let text = """
            \u{FEFF}# pstscope.toml\r
            monitor.enabled = false\r
            [import]\r
            jobs = 1\r
            worker_timeout = 9_00.5  # seconds\r
            \r
              [ alerts ]  # thresholds\r
            max_memory_mb = 2048\r
            min_disk_free_mb = +1e1\r
            expected_mb_per_second = 1.0\r
            command = "cat > /dev/null # \\"quoted\\" \\u00e9 é\\t"\r

            """
        let (result, _) = try importWith(config: text, [SampleCorpus.packageRoot.appendingPathComponent("samples/multi-3.pst").path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.errorLines.isEmpty)
    }
}
