import Foundation
import Store
import Testing
@testable import Ingest

/// Each alert fires when its threshold is crossed, once per episode, and not otherwise.
struct AlertTests {
    func sample(
        seconds: Double = 200, recent: Double? = 100, items: Int = 1000, files: Int = 1, errors: Int = 0,
        rssKB: Int = 100_000, diskFreeMB: Int? = 50_000, active: [RunSample.ActiveFile] = [],
        bytesPerSecond: Double? = nil
    ) -> RunSample {
        RunSample(seconds: seconds, recentThroughput: recent, itemsRead: items, filesFinished: files, errors: errors,
                  rssKB: rssKB, diskFreeMB: diskFreeMB,
                  active: active.isEmpty ? [.init(path: "a.pst", size: 1_000_000, seconds: 5)] : active,
                  bytesPerSecond: bytesPerSecond)
    }

    @Test func aQuietHealthyRunRaisesNothing() {
        var evaluator = AlertEvaluator(thresholds: AlertThresholds())
        #expect(evaluator.evaluate(sample()).isEmpty)
    }

    @Test func eachThresholdFiresOncePerEpisode() {
        var evaluator = AlertEvaluator(thresholds: AlertThresholds())
        let bad = sample(recent: 5, errors: 100, rssKB: 5_000_000, diskFreeMB: 10)
        let kinds = evaluator.evaluate(bad).map(\.kind)
        #expect(Set(kinds) == [.lowThroughput, .errorRate, .memory, .diskFree])
        #expect(evaluator.evaluate(bad).isEmpty, "a standing condition alerts once")
        #expect(evaluator.evaluate(sample()).isEmpty)
        #expect(evaluator.evaluate(sample(rssKB: 5_000_000)).map(\.kind) == [.memory], "after clearing, again")
    }

    @Test func errorRateWaitsForEnoughItems() {
        var evaluator = AlertEvaluator(thresholds: AlertThresholds())
        #expect(evaluator.evaluate(sample(items: 10, files: 0, errors: 5)).isEmpty)
        #expect(evaluator.evaluate(sample(items: 60, files: 0, errors: 5)).map(\.kind) == [.errorRate])
    }

    @Test func slowFileIsJudgedBySizeAtTheRunsRate() {
        var evaluator = AlertEvaluator(thresholds: AlertThresholds())
        // 100 MB at 1 MB/s predicts 100 s: 400 s is under 5×, 600 s over.
        let file = { (seconds: Double) in RunSample.ActiveFile(path: "big.pst", size: 100_000_000, seconds: seconds) }
        #expect(evaluator.evaluate(sample(active: [file(400)], bytesPerSecond: 1_000_000)).isEmpty)
        let alerts = evaluator.evaluate(sample(active: [file(600)], bytesPerSecond: 1_000_000))
        #expect(alerts.map(\.kind) == [.slowFile] && alerts.first?.path == "big.pst")
        #expect(evaluator.evaluate(sample(active: [file(900)], bytesPerSecond: 1_000_000)).isEmpty, "a file alerts once")
        // A small file is given the minimum time.
        let small = RunSample.ActiveFile(path: "small.pst", size: 1000, seconds: 30)
        #expect(evaluator.evaluate(sample(active: [small], bytesPerSecond: 1_000_000)).isEmpty)
    }

    @Test func anomaliesByVolumeAndByDates() {
        let year: Int64 = 31_557_600
        let base: Int64 = 1_600_000_000
        let peers = [
            FileVolume(path: "a", messages: 1000, firstDate: base, lastDate: base + year),
            FileVolume(path: "b", messages: 1200, firstDate: base + year, lastDate: base + 2 * year),
        ]
        let thresholds = AlertThresholds()
        let usual = FileVolume(path: "c", messages: 900, firstDate: base, lastDate: base + 2 * year)
        #expect(AnomalyCheck.evaluate(usual, others: peers + [usual], thresholds: thresholds) == nil)
        let tiny = FileVolume(path: "c", messages: 50, firstDate: base, lastDate: base + year)
        #expect(AnomalyCheck.evaluate(tiny, others: peers + [tiny], thresholds: thresholds)?.kind == .anomaly)
        let huge = FileVolume(path: "c", messages: 20_000, firstDate: base, lastDate: base + year)
        #expect(AnomalyCheck.evaluate(huge, others: peers, thresholds: thresholds)?.kind == .anomaly)
        let old = FileVolume(path: "c", messages: 1000, firstDate: base - 6 * year, lastDate: base - 5 * year)
        #expect(AnomalyCheck.evaluate(old, others: peers, thresholds: thresholds)?.message.contains("years outside") == true)
        #expect(AnomalyCheck.evaluate(huge, others: Array(peers.prefix(1)), thresholds: thresholds) == nil,
                "one other file is too few to compare with")
    }

    @Test func settingsAreCheckedByName() throws {
        var thresholds = AlertThresholds()
        try thresholds.set("max_memory_mb", to: 300)
        #expect(thresholds.maxMemoryMB == 300)
        #expect(throws: AlertSettingError.unknownKey("max_memory")) { try thresholds.set("max_memory", to: 1) }
        #expect(throws: AlertSettingError.badValue("min_throughput")) { try thresholds.set("min_throughput", to: -1) }
    }
}
