import Foundation
import Testing
import TestSupport

/// `pstscope demo` on the committed samples: every output written, each scenario its own mailbox.
struct DemoTests {
    let scratch = Scratch()

    @Test func writesEveryOutputWithOneMailboxPerScenario() throws {
        let out = scratch.path("demo")
        let samples = SampleCorpus.packageRoot.appendingPathComponent("samples").path
        let result = try Pstscope.run(["demo", "--out", out, "--samples", samples])
        #expect(result.status == 0, "\(result.stderr)")
        for name in ["pstscope.sqlite", "session.json", "session.txt", "gaps.txt", "gaps.json", "gaps.csv"] {
            let size = (try? FileManager.default.attributesOfItem(atPath: "\(out)/\(name)")[.size] as? Int) ?? 0
            #expect(size > 0, "\(name)")
        }
        let gaps = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/gaps.json")))
            as? [String: Any])
        let mailboxes = (gaps["entities"] as! [[String: Any]]).filter { $0["entity"] as? String == "mailbox" }
        #expect(mailboxes.compactMap { $0["custodian"] as? String }.sorted() == ["gappy", "hostile", "multi", "steady"])
        let steady = try #require(mailboxes.first { $0["custodian"] as? String == "steady" })
        #expect((steady["gaps"] as! [Any]).isEmpty)
        let gappy = try #require(mailboxes.first { $0["custodian"] as? String == "gappy" })
        #expect((gappy["gaps"] as! [[String: Any]]).contains { $0["start"] as? String == "2022-08-15" })
        let text = try String(contentsOfFile: "\(out)/gaps.txt", encoding: .utf8)
        #expect(text.contains("No imported PST covers"))
    }
}
