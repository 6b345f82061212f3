import Foundation
import MailModel
import PSTWriter

/// Makes a synthetic mailbox and its ground truth.
///
/// The same scenario, message count and seed always give the same messages in the same order
/// and the same truth bytes. Messages come in delivery-time order (an undated message where its
/// time would have been), each once per file that holds
/// it (`multi` puts the messages of overlapping ranges in two files); folders come in any order.
///
/// ```swift
/// let synth = Synthesizer(scenario: .gappy, messages: 5_000, seed: 7)
/// let summary = try synth.generate(truthPath: "mailbox.truth.json") { file, folder, message in
///     try writers[file].add(message, in: folder)
/// }
/// ```
public struct Synthesizer: Sendable {
    public typealias Sink = (_ file: Int, _ folder: FolderRole, _ message: MessageSpec) throws -> Void

    public let scenario: Scenario
    /// Exactly how many distinct messages the mailbox holds.
    public let messageCount: Int
    public let seed: UInt64
    /// The name of the PST being written: the truth names the files after it.
    public var outputName: String

    private let plan: Plan

    /// `timezone` is the owner's zone; America/New_York when nil.
    public init(scenario: Scenario, messages: Int? = nil, seed: UInt64 = 1, layout: FolderLayout = .folders,
                timezone: Zone? = nil) {
        self.scenario = scenario
        messageCount = max(0, messages ?? scenario.defaultMessageCount)
        self.seed = seed
        outputName = "\(scenario.name).pst"
        plan = Plan(scenario, layout: layout, ownerZone: timezone)
    }

    /// How many PST files the scenario spreads the mailbox over (3 for `multi`, else 1).
    public var fileCount: Int { plan.files.count }

    /// File names, by index: `outputName` itself for one file, else "name-1.pst", "name-2.pst", …
    public var fileNames: [String] {
        guard fileCount > 1 else { return [outputName] }
        let url = URL(fileURLWithPath: outputName)
        let stem = url.deletingPathExtension().lastPathComponent
        let ext = url.pathExtension.isEmpty ? "" : "." + url.pathExtension
        return (1...fileCount).map { "\(stem)-\($0)\(ext)" }
    }

    /// Every folder any message goes to, the same for each file, so a writer can make them first.
    public var folders: [FolderRole] { plan.folders }

    /// The mailbox's owner (custodian).
    public var owner: Truth.Party {
        Truth.Party(name: Roster.ownerName, address: Roster.ownerAddress, timezone: plan.ownerZone.identifier)
    }

    /// Generates the mailbox into `sink` and returns the whole truth, messages included.
    /// Holds every truth record: for `large`, use `generate(truthPath:into:)`.
    public func generate(into sink: Sink) throws -> Truth {
        var engine = Engine(plan: plan, target: messageCount, seed: seed)
        var recorder = TruthRecorder(plan: plan, seed: seed, owner: engine.owner, fileNames: fileNames)
        var messages: [Truth.Message] = []
        var pairs: [Truth.ReplyPair] = []
        try engine.run { message in
            for file in message.files { try sink(file, message.folder, message.spec) }
            recorder.record(message)
            messages.append(message.record)
            if let pair = message.replyPair { pairs.append(pair) }
        }
        recorder.contactItems = try writeAddressBook(engine, into: sink)
        return recorder.truth(messages: messages, replyPairs: pairs)
    }

    /// Generates the mailbox into `sink` while writing the truth to `truthPath` as it goes;
    /// nothing grows with the number of messages but the contact table. The file is complete
    /// only when this returns; after an error, no truth file is left behind.
    @discardableResult
    public func generate(truthPath: String, into sink: Sink) throws -> TruthSummary {
        var engine = Engine(plan: plan, target: messageCount, seed: seed)
        var recorder = TruthRecorder(plan: plan, seed: seed, owner: engine.owner, fileNames: fileNames)
        let writer = try TruthWriter(path: truthPath)
        do {
            try engine.run { message in
                for file in message.files { try sink(file, message.folder, message.spec) }
                recorder.record(message)
                try writer.add(message.record)
                if let pair = message.replyPair { try writer.add(pair) }
            }
            recorder.contactItems = try writeAddressBook(engine, into: sink)
            try writer.finish(recorder)
        } catch {
            writer.discard()
            throw error
        }
        return recorder.summary
    }

    /// Each file's Contacts folder: an IPM.Contact item for each of the owner's most frequent
    /// human correspondents (none in `large`, which stays plain mail for benchmarks).
    private func writeAddressBook(_ engine: Engine, into sink: Sink) throws -> [Truth.ContactItem] {
        guard plan.scenario != .large else { return [] }
        let people = engine.addressBook()
        for file in 0..<fileCount {
            for person in people {
                try sink(file, Folders.contacts, MessageSpec(
                    messageClass: "IPM.Contact", subject: person.name,
                    body: "\(person.name)\r\nE-mail: \(person.address)\r\n"))
            }
        }
        return people.map { Truth.ContactItem(name: $0.name, address: $0.address, folder: Folders.name(Folders.contacts)) }
    }
}
