import Foundation
import PSTReader
import Synth
import Testing
import TestSupport

/// `pstscope synth`: every scenario's files are read the same by pffinfo, pffexport, readpst
/// and pstscope's own reader, field for field against the ground truth.
struct SynthCommandTests {
    let scratch = Scratch()

    /// Scenarios with a message count small enough for the test suite.
    static let scenarios: [(String, Int)] = [("steady", 800), ("gappy", 800), ("multi", 900), ("hostile", 400), ("large", 2500)]

    func synthesize(_ scenario: String, messages: Int, seed: Int = 11, name: String? = nil) throws -> (Truth, [String]) {
        let out = scratch.path(name ?? "\(scenario).pst")
        let result = try Pstscope.run(["synth", "--out", out, "--scenario", scenario, "--messages", "\(messages)",
                                       "--seed", "\(seed)"])
        #expect(result.status == 0, "\(result.stderr)")
        let stem = URL(fileURLWithPath: out).deletingPathExtension().path
        let truth = try Truth.load(from: stem + ".truth.json")
        let files = truth.files.map { scratch.path($0.name) }
        return (truth, files)
    }

    @Test(.enabled(if: ExternalTools.available, Comment(rawValue: ExternalTools.missingMessage)),
          arguments: scenarios)
    func independentReadersCountEveryMessage(scenario: String, messages: Int) throws {
        let (truth, files) = try synthesize(scenario, messages: messages)
        #expect(truth.messages.count == messages)
        #expect(files.count == (scenario == "multi" ? 3 : 1))
        for (index, file) in files.enumerated() {
            let expected = truth.files[index].messageCount
            #expect(expected > 0)
            let verdict = try ExternalTools.examine(file, scratch: scratch.url)
            #expect(verdict.pffinfoStatus == 0, "\(file)")
            #expect(verdict.pffexportProblems == [], "\(file)")
            #expect(verdict.pffexportMessages == expected, "\(file)")
            #expect(verdict.pffexportContacts == truth.contactItems.count, "\(file)")
            #expect(verdict.readpstMessages == expected, "\(file)")
        }
        if scenario != "large" {
            #expect(truth.contactItems.count == 12)
            #expect(truth.messages.contains { $0.messageClass == "IPM.Schedule.Meeting.Request" } || messages < 500)
        }
    }

    @Test(arguments: scenarios.filter { $0.0 != "large" })
    func ownReaderReadsBackEveryField(scenario: String, messages: Int) throws {
        let (truth, files) = try synthesize(scenario, messages: messages)
        for (index, file) in files.enumerated() {
            var items: [MailItem] = []
            var failures: [ItemFailure] = []
            try PSTFile(path: file).read { event in
                if case .item(let item) = event { items.append(item) }
                if case .failure(let failure) = event { failures.append(failure) }
            }
            #expect(failures == [])
            let expected = truth.messages.filter { $0.files.contains(index) }
            let cards = items.filter { $0.kind == .contact }
            #expect(cards.map { $0.subject ?? "" }.sorted() == truth.contactItems.map(\.name).sorted())
            #expect(cards.allSatisfy { $0.folderPath == "Top of Personal Folders/Contacts" })
            items.removeAll { $0.kind == .contact }
            #expect(items.count == expected.count)
            let byID = Dictionary(grouping: items, by: { $0.messageID ?? "" })
            for message in expected {
                let found = byID[message.messageID] ?? []
                #expect(found.count == 1, "\(message.messageID) in \(file)")
                guard let item = found.first else { continue }
                Self.compare(item, message)
            }
        }
    }

    static func compare(_ item: MailItem, _ truth: Truth.Message, sourceLocation: SourceLocation = #_sourceLocation) {
        func blank(_ text: String?) -> String? { text?.isEmpty == false ? text : nil }
        func date(_ text: String?) -> Date? { text.flatMap { try? Date($0, strategy: .iso8601) } }
        let id = truth.messageID
        #expect(item.kind == (truth.messageClass == "IPM.Note" ? .email : .meeting), "\(id)", sourceLocation: sourceLocation)
        #expect(item.messageClass == truth.messageClass, "\(id)", sourceLocation: sourceLocation)
        #expect(item.folderPath == "Top of Personal Folders/" + truth.folder, "\(id)", sourceLocation: sourceLocation)
        #expect(blank(item.subject) == blank(truth.subject), "\(id)", sourceLocation: sourceLocation)
        #expect(item.sender.address == blank(truth.senderAddress), "\(id)", sourceLocation: sourceLocation)
        #expect(blank(item.sender.name) == blank(truth.senderName), "\(id)", sourceLocation: sourceLocation)
        #expect(item.recipients.map { "\($0.kind.rawValue)|\($0.name ?? "")|\($0.address ?? "")" }
            == truth.recipients.map { "\($0.kind)|\($0.name ?? "")|\($0.address)" }, "\(id)", sourceLocation: sourceLocation)
        #expect(item.submitTime == date(truth.submitTime), "\(id)", sourceLocation: sourceLocation)
        #expect(item.deliveryTime == date(truth.deliveryTime), "\(id)", sourceLocation: sourceLocation)
        #expect(item.inReplyTo == truth.inReplyTo, "\(id)", sourceLocation: sourceLocation)
        #expect(item.references == truth.references, "\(id)", sourceLocation: sourceLocation)
        #expect(item.conversationIndex.map { $0.map { String(format: "%02X", $0) }.joined() } == truth.conversationIndex,
                "\(id)", sourceLocation: sourceLocation)
        #expect(item.attachmentCount == truth.attachments.count, "\(id)", sourceLocation: sourceLocation)
    }

    @Test func sameSeedSameBytes() throws {
        for scenario in ["gappy", "multi"] {
            let (_, first) = try synthesize(scenario, messages: 300, seed: 5, name: "\(scenario)-a.pst")
            let (_, second) = try synthesize(scenario, messages: 300, seed: 5, name: "\(scenario)-b.pst")
            for (a, b) in zip(first, second) {
                let identical = try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b))
                #expect(identical, "\(a) and \(b)")
            }
            let truthA = try Data(contentsOf: URL(fileURLWithPath: scratch.path("\(scenario)-a.truth.json")))
            let truthB = try Data(contentsOf: URL(fileURLWithPath: scratch.path("\(scenario)-b.truth.json")))
            #expect(truthA.count > 10_000)
            let sameTruth = String(decoding: truthA, as: UTF8.self) == String(decoding: truthB, as: UTF8.self)
                .replacingOccurrences(of: "\(scenario)-b", with: "\(scenario)-a")
            #expect(sameTruth)
        }
        let (_, other) = try synthesize("gappy", messages: 300, seed: 6, name: "gappy-c.pst")
        let differs = try Data(contentsOf: URL(fileURLWithPath: other[0]))
            != Data(contentsOf: URL(fileURLWithPath: scratch.path("gappy-a.pst")))
        #expect(differs, "another seed, another mailbox")
    }

    @Test func badArgumentsAreOneClearError() throws {
        let unknown = try Pstscope.run(["synth", "--out", scratch.path("x.pst"), "--scenario", "chaos"])
        #expect(unknown.status == 1)
        #expect(unknown.errorLines == ["pstscope: error: unknown scenario chaos: use steady, gappy, multi, hostile, large"])
        let nowhere = scratch.path("no/such/dir/x.pst")
        let missing = try Pstscope.run(["synth", "--out", nowhere])
        #expect(missing.status == 1)
        #expect(missing.errorLines == ["pstscope: error: cannot write \(nowhere): directory \(scratch.path("no/such/dir")) does not exist"])
    }
}
