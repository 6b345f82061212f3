import Foundation
import Testing
import TestSupport

/// `pstscope activity` against a count made from the truth alone by a Python script
/// (Tests/Scripts/activity_from_truth.py), cell by cell, for an owner in New York (the steady
/// sample) and one in Tokyo.
@Suite struct ActivityCommandTests {
    let scratch = Scratch()
    var store: String { scratch.path("store.sqlite") }
    static let script = SampleCorpus.packageRoot.appendingPathComponent("Tests/Scripts/activity_from_truth.py").path

    @Test(arguments: ["America/New_York", "Asia/Tokyo"])
    func matricesEqualACountFromTheTruth(zone: String) throws {
        let python = try #require(ExternalTools.python(with: "zoneinfo"), "no python3 with zoneinfo")
        let pst = scratch.path("mailbox.pst")
        let synth = try Pstscope.run(["synth", "--out", pst, "--messages", "1500", "--seed", "71", "--timezone", zone])
        try #require(synth.status == 0, "\(synth.stderr)")
        try #require(try Pstscope.run(["import", pst, "--store", store, "--quiet"]).status == 0)

        let (status, output) = try ExternalTools.run(python, [Self.script, scratch.path("mailbox.truth.json")])
        try #require(status == 0, "\(output)")
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: [String: [[Int]]]])

        let result = try Pstscope.run(["activity", "--store", store, "--format", "json"])
        try #require(result.status == 0, "\(result.stderr)")
        let entities = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        var seen: [String: [String: [[Int]]]] = [:]
        for entity in entities {
            let contact = entity["contact"] as? String ?? ""
            seen[contact] = ["sent": try #require(entity["sent"] as? [[Int]]),
                             "received": try #require(entity["received"] as? [[Int]])]
            #expect(entity["time_zone"] as? String == zone)
        }
        #expect(Set(seen.keys) == Set(expected.keys))
        #expect(expected.count > 10)
        for (contact, matrices) in expected {
            #expect(seen[contact] == matrices, "\(contact.isEmpty ? "mailbox" : contact)")
        }

        // The peak and the share outside business hours follow from the mailbox's matrices.
        let mailbox = try #require(entities.first { $0["entity"] as? String == "mailbox" })
        let both = (0..<7).map { d in (0..<24).map { h in expected[""]!["sent"]![d][h] + expected[""]!["received"]![d][h] } }
        let byHour = (0..<24).map { h in both.reduce(0) { $0 + $1[h] } }
        #expect(mailbox["peak_hour"] as? Int == byHour.firstIndex(of: byHour.max()!))
        let table = try Pstscope.run(["activity", "--store", store])
        #expect(table.stdout.contains("(mailbox): 1,500 messages, peak ") || table.stdout.contains("(mailbox): 1500 messages, peak "))
    }
}
