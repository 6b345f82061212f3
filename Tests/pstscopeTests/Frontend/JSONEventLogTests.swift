import Foundation
import MailModel
import Store
import Testing
import TestSupport
@testable import Ingest
@testable import pstscope

/// `--log-format json` writes the sampler's progress at most once per `progressEvery`
/// seconds, each time with the run's counts and resources.
struct JSONEventLogTests {
    let scratch = Scratch()

    func progress(at seconds: Double, items: Int) -> RunProgress {
        RunProgress(seconds: seconds, files: 4, filesDone: 1, items: items, itemsPerSecond: Double(items) / max(seconds, 1),
                 errors: 2, fraction: 0.4, etaSeconds: seconds * 1.5,
                 resources: ResourceReading(rssKB: 51_200, cpuPercent: 130, diskFreeMB: 9000), workers: [])
    }

    @Test func progressIsWrittenOncePerIntervalWithItsCounts() throws {
        let path = try scratch.file("events.jsonl", Data())
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        let log = JSONEventLog(output: output, progressEvery: 10)
        // Samples every 2.5 s for 31 s: the first is written, then one at least 10 s after the last written.
        for step in 0...12 {
            let seconds = Double(step) * 2.5
            log.handle(.progress(progress(at: seconds, items: step * 100)), session: "import_1")
        }
        try output.close()
        let events = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(events.map { $0["seconds"] as? Double } == [0, 10, 20, 30])
        #expect(events.map { $0["items"] as? Int } == [0, 400, 800, 1200])
        let last = try #require(events.last)
        #expect(last["event"] as? String == "progress" && last["session"] as? String == "import_1")
        #expect(last["files"] as? Int == 4 && last["files_done"] as? Int == 1 && last["errors"] as? Int == 2)
        #expect(last["fraction"] as? Double == 0.4 && last["eta_seconds"] as? Double == 45)
        #expect(last["rss_kb"] as? Int == 51_200 && last["cpu_percent"] as? Double == 130
                && last["disk_free_mb"] as? Int == 9000)
        #expect(last["at"] is String)
    }
}
