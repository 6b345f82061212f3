import Foundation
import MailModel
import Store
import Testing
@testable import Reports

/// The gaps, senders and network documents carry the typed results with the keys and the nulls
/// their readers rely on, and text from a PST stays text.
struct OutputDocumentTests {
    static let evidence = GapEvidence(
        missingRepliedTo: 2,
        missingRepliedToExamples: [.init(missingMessageID: "<lost@x>", estimatedDate: "2023-03-16",
                                         replyMessageID: nil, replyDate: "2023-03-30T09:00:00Z")],
        coveringFiles: [.init(path: "/mail/ann.pst", from: "2023-01-02", to: "2023-12-29")],
        coverage: .partial, uncoveredRanges: [.init(from: "2023-03-20", to: "2023-03-24")])

    static let mailbox = TimelineEntityRecord(
        custodian: "Ann", contact: "", firstDay: "2023-01-02", lastDay: nil, messages: 10, undated: 1,
        expectedMessages: 12.345, missingMessages: 2.06, completenessScore: 83.33, gapCount: 1, worstSeverity: .major,
        computedAt: "2024-01-01T00:00:00.000Z", computedSession: nil,
        gaps: [TimelineGapRecord(startDay: "2023-03-13", endDay: "2023-03-24", businessDays: 10, expectedMessages: 7.25,
                                 probability: 0.000123, severity: .major, context: .suspicious, evidence: evidence,
                                 recommendation: "Look for another PST.")])

    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func gapsCarryTheirEvidenceAsAnObject() throws {
        let document = try object(TimelineOutput.json([Self.mailbox], settings: ["workweek": "mon-fri", "regions": "us,de"]))
        let entity = try #require((document["entities"] as? [[String: Any]])?.first)
        #expect(entity["entity"] as? String == "mailbox")
        #expect(entity["contact"] is NSNull, "a mailbox has no contact, and says so")
        #expect((entity["span"] as? [String: Any])?["end"] is NSNull)
        #expect(entity["expected_messages"] as? Double == 12.3)
        #expect(entity["worst_severity"] as? String == "major")
        let gap = try #require((entity["gaps"] as? [[String: Any]])?.first)
        #expect(gap["context"] as? String == "suspicious" && gap["severity"] as? String == "major")
        let evidence = try #require(gap["evidence"] as? [String: Any])
        #expect(evidence["coverage"] as? String == "partial")
        #expect(evidence["missing_replied_to"] as? Int == 2)
        #expect(evidence["mailbox_gap"] == nil, "optional evidence is left out, as stored")
        let example = try #require((evidence["missing_replied_to_examples"] as? [[String: Any]])?.first)
        #expect(example["missing_message_id"] as? String == "<lost@x>" && example["reply_message_id"] == nil)
        let settings = try #require(document["settings"] as? [String: Any])
        #expect(settings["regions"] as? [String] == ["us", "de"] && settings["custom_holidays"] as? Int == 0)
    }

    @Test func theCSVEvidenceColumnIsTheStoredJSON() throws {
        let csv = TimelineOutput.csv([Self.mailbox])
        #expect(csv.contains(try JSONDocument.line(Self.evidence).replacingOccurrences(of: "\"", with: "\"\"")))
        #expect(csv.contains(#""coverage"":""partial"""#))
    }

    @Test func senderSignalsAndMissingMetricsKeepTheirShape() throws {
        var profile = SenderProfileRecord(custodian: "Ann", email: "news@shop.example")
        profile.classification = .automated
        profile.signals = SenderSignals(bulkHeaders: 0.95, noreplyAddress: nil, unansweredVolume: 0.6)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(SenderOutput.json([profile]).utf8)) as? [[String: Any]])
        let first = try #require(array.first)
        #expect(first["classification"] as? String == "automated")
        #expect(first["name"] is NSNull)
        #expect(first["signals"] as? [String: Double] == ["bulk_headers": 0.95, "unanswered_volume": 0.6])
        let metrics = try #require(first["metrics"] as? [String: Any])
        #expect(metrics["pagerank"] is NSNull && metrics["response_time_median_hours"] is NSNull)
        #expect((first["trends"] as? [String: Any])?["communication_increasing"] is NSNull)
    }

    @Test func hostileNamesStayTextInGraphML() throws {
        let name = "<script>alert(\"x\")</script> & Co"
        let nodes = [NetworkNodeRecord(email: "a&b@x.example", name: name, messagesSent: 1, messagesReceived: 0,
                                       pagerank: 0.5, betweenness: nil, community: 0, isOwner: true)]
        let edges = [NetworkEdgeRecord(source: "a&b@x.example", target: "c@x.example", weight: 1.5, messages: 2, strength: 1)]
        let xml = NetworkOutput.graphML(nodes: nodes, edges: edges)
        #expect(!xml.contains("<script>") && !xml.contains("a&b@"))
        #expect(xml.contains("&lt;script&gt;"))
        let json = try object(NetworkOutput.json(nodes: nodes, edges: edges))
        let node = try #require((json["nodes"] as? [[String: Any]])?.first)
        #expect(node["name"] as? String == name && node["betweenness"] is NSNull && node["is_owner"] as? Bool == true)
    }
}
