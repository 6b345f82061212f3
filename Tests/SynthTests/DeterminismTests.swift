import Foundation
import Testing
import TestSupport
@testable import Synth

@Suite struct DeterminismTests {
    @Test(arguments: Scenario.allCases.filter { $0 != .large })
    func sameSeedGivesTheSameMailboxAndTruth(_ scenario: Scenario) throws {
        let a = Mailbox(scenario, messages: 800, seed: 11)
        let b = Mailbox(scenario, messages: 800, seed: 11)
        #expect(a.deliveries.count >= 800)
        #expect(a.deliveries == b.deliveries)
        #expect(a.truth == b.truth)
        #expect(try a.truth.jsonData() == b.truth.jsonData())
    }

    @Test(arguments: Scenario.allCases.filter { $0 != .large })
    func differentSeedsGiveDifferentMailboxes(_ scenario: Scenario) {
        let a = Mailbox(scenario, messages: 800, seed: 11)
        let b = Mailbox(scenario, messages: 800, seed: 12)
        #expect(a.truth != b.truth)
        let idsA = Set(a.truth.messages.map(\.messageID)), idsB = Set(b.truth.messages.map(\.messageID))
        #expect(idsA.isDisjoint(with: idsB))
        let subjectsA = a.truth.messages.prefix(100).map(\.subject), subjectsB = b.truth.messages.prefix(100).map(\.subject)
        #expect(subjectsA != subjectsB)
        // The calendar shape (gaps, files) does not depend on the seed.
        #expect(a.truth.gaps == b.truth.gaps)
    }

    @Test func streamedTruthFileEqualsInMemoryTruth() throws {
        let scratch = Scratch()
        let synth = Synthesizer(scenario: .multi, messages: 1_500, seed: 5)
        let path = scratch.path("multi.truth.json")
        var streamed: [Mailbox.Delivery] = []
        let summary = try synth.generate(truthPath: path) { streamed.append(.init(file: $0, folder: $1, message: $2)) }
        var inMemory: [Mailbox.Delivery] = []
        let truth = try synth.generate { inMemory.append(.init(file: $0, folder: $1, message: $2)) }

        #expect(streamed == inMemory)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes == (try truth.jsonData()))
        #expect(try Truth.load(from: path) == truth)
        #expect(summary.messageCount == truth.messages.count)
        #expect(summary.replyPairCount == truth.replyPairs.count)
        #expect(summary.contactCount == truth.contacts.count)
        #expect(summary.files == truth.files)
        // Only the truth file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path) == ["multi.truth.json"])
    }

    @Test func truthJSONHasSortedKeysAndNulls() throws {
        let truth = Mailbox.hostile.truth
        let text = String(decoding: try truth.jsonData(), as: UTF8.self)
        let top = ["\"contacts\":", "\"files\":", "\"gaps\":", "\"messages\":", "\"owner\":", "\"reply_pairs\":",
                   "\"scenario\":", "\"seed\":"]
        let positions = top.map { text.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
        // An undated message spells its times as null rather than leaving the keys out.
        #expect(text.contains("\"submit_time\":null"))
        #expect(text.contains("\"delivery_time\":null"))
        // Every message line lists its keys in sorted order.
        let line = text.split(separator: "\n").first { $0.contains("\"message_id\"") }!
        let keys = ["\"attachments\"", "\"automated\"", "\"conversation_index\"", "\"delivery_time\"", "\"files\"",
                    "\"folder\"", "\"in_reply_to\"", "\"message_id\"", "\"recipients\"", "\"references\"",
                    "\"sender_address\"", "\"sender_name\"", "\"subject\"", "\"submit_time\""]
        let at = keys.map { line.range(of: $0)!.lowerBound }
        #expect(at == at.sorted())
        let object = try JSONSerialization.jsonObject(with: try truth.jsonData()) as! [String: Any]
        #expect(object["scenario"] as? String == "hostile")
        #expect((object["messages"] as? [Any])?.count == truth.messages.count)
    }

    /// The hand-written records are exactly what a standard encoder with sorted keys writes.
    @Test func handWrittenRecordsMatchJSONEncoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for mailbox in [Mailbox.hostile, Mailbox.gappy] {
            for message in mailbox.truth.messages {
                #expect(Data(message.jsonBytes) == (try encoder.encode(message)), "\(message.messageID)")
            }
            for pair in mailbox.truth.replyPairs {
                #expect(Data(pair.jsonBytes) == (try encoder.encode(pair)))
            }
        }
        // Control characters, quotes and backslashes are escaped the same way too.
        var tricky = Mailbox.steady.truth.messages[0]
        tricky.subject = "tab\there \"quoted\" back\\slash \u{01}\u{1F} line\r\nfeed \u{08}\u{0C} / é 🚀"
        tricky.senderName = nil
        #expect(Data(tricky.jsonBytes) == (try encoder.encode(tricky)))
    }

    @Test func failedStreamLeavesNoFiles() throws {
        let scratch = Scratch()
        struct Stop: Error {}
        let path = scratch.path("x.truth.json")
        var seen = 0
        #expect(throws: Stop.self) {
            try Synthesizer(scenario: .steady, messages: 500).generate(truthPath: path) { _, _, _ in
                seen += 1
                if seen == 100 { throw Stop() }
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).isEmpty)
        #expect(throws: (any Error).self) {
            try Synthesizer(scenario: .steady, messages: 10).generate(truthPath: scratch.path("missing/dir/t.json")) { _, _, _ in }
        }
    }

    @Test func anySeedRoundTripsThroughTheTruthFile() throws {
        let truth = try Synthesizer(scenario: .steady, messages: 30, seed: .max).generate { _, _, _ in }
        #expect(truth.seed == UInt64.max)
        let decoded = try JSONDecoder().decode(Truth.self, from: try truth.jsonData())
        #expect(decoded == truth)
    }

    @Test func scenarioNamesAndFileNames() {
        #expect(Scenario(name: "GAPPY") == .gappy)
        #expect(Scenario(name: "nope") == nil)
        #expect(Scenario.allCases.map(\.name) == ["steady", "gappy", "multi", "hostile", "large"])
        var multi = Synthesizer(scenario: .multi)
        multi.outputName = "custodian.pst"
        #expect(multi.fileNames == ["custodian-1.pst", "custodian-2.pst", "custodian-3.pst"])
        var steady = Synthesizer(scenario: .steady)
        steady.outputName = "custodian.pst"
        #expect(steady.fileNames == ["custodian.pst"])
        #expect(Synthesizer(scenario: .large).messageCount == 100_000)
        #expect(Synthesizer(scenario: .steady, messages: 42).messageCount == 42)
    }

    @Test(arguments: [1, 37, 250, 5_000])
    func messagesOptionGivesExactlyThatMany(_ count: Int) throws {
        for scenario in [Scenario.steady, .gappy, .multi, .hostile] {
            let truth = try Synthesizer(scenario: scenario, messages: count, seed: 3).generate { _, _, _ in }
            #expect(truth.messages.count == count, "\(scenario)")
        }
    }
}
