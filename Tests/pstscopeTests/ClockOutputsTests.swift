import Foundation
import Testing
import TestSupport

/// What issue 19 puts in front of users, read from the commands' own output: the owner's zone
/// and its source in `gaps` and the executive report, `analyze --timezone` setting and undoing
/// it, the weekday × hour heatmap, and the prediction beside the actual time in the
/// operational report.
@Suite struct ClockOutputsTests {
    let scratch = Scratch()
    var store: String { scratch.path("store.sqlite") }
    static let sample = SampleCorpus.packageRoot.appendingPathComponent("samples/steady.pst").path

    func zones() throws -> [[String: Any]] {
        let result = try Pstscope.run(["gaps", "--store", store, "--format", "json"])
        try #require(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(document["time_zones"] as? [[String: Any]])
    }

    @Test func theZoneIsShownAndCanBeSetAndUnset() throws {
        try #require(try Pstscope.run(["import", Self.sample, "--store", store, "--quiet"]).status == 0)
        let inferred = try #require(try zones().first)
        let custodian = try #require(inferred["custodian"] as? String)
        #expect(inferred["zone"] as? String == "America/New_York")
        #expect(inferred["source"] as? String == "inferred")
        #expect(try Pstscope.run(["gaps", "--store", store]).stdout.contains("  time zone America/New_York (inferred, confidence "))

        #expect(try Pstscope.run(["analyze", "--store", store, "--timezone", "\(custodian)=Asia/Kolkata"]).status == 0)
        let set = try #require(try zones().first)
        #expect(set["zone"] as? String == "Asia/Kolkata" && set["source"] as? String == "override")
        #expect(try Pstscope.run(["analyze", "--store", store, "--timezone", "\(custodian)=auto"]).status == 0)
        #expect(try zones().first?["source"] as? String == "inferred")

        for bad in ["\(custodian)=Nowhere/Atlantis", "=Europe/Berlin", "Europe/Berlin"] {
            let refused = try Pstscope.run(["analyze", "--store", store, "--timezone", bad])
            #expect(refused.status == 1, "\(bad)")
            #expect(refused.stderr.contains("--timezone"), "\(bad): \(refused.stderr)")
        }
        #expect(try zones().first?["source"] as? String == "inferred")
    }

    @Test func reportsShowTheZoneTheHeatmapAndThePrediction() throws {
        try #require(try Pstscope.run(["import", Self.sample, "--store", store, "--quiet"]).status == 0)
        let out = scratch.path("report")
        let report = try Pstscope.run(["report", "--store", store, "--out", out, "--format", "html"])
        try #require(report.status == 0, "\(report.stderr)")
        let executive = try String(contentsOfFile: out + "/executive.html", encoding: .utf8)
        #expect(executive.contains("America/New_York (inferred, confidence "))
        #expect(executive.contains("<svg class=\"chart weekhours\""))
        let detailed = try String(contentsOfFile: out + "/detailed.html", encoding: .utf8)
        #expect(detailed.contains("<svg class=\"chart weekhours\""))
        let operational = try String(contentsOfFile: out + "/operational.html", encoding: .utf8)
        #expect(operational.contains("Predicted ") && operational.contains("; took ")
                && operational.contains("built-in figures"))
    }
}
