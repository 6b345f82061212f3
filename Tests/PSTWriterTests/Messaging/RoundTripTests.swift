import Foundation
import Testing
import TestSupport
@testable import PSTReader
@testable import PSTWriter

/// Files written by PSTWriter, read back through libpff (PSTReader).
struct RoundTripTests {
    let scratch = Scratch()

    static func date(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    static let sample = MessageSpec(
        subject: "Quarterly numbers", senderName: "Ann Lee", senderAddress: "ann.lee@example.com",
        recipients: [RecipientSpec(kind: .to, name: "Bo Chen", address: "bo.chen@example.com"),
                     RecipientSpec(kind: .cc, name: nil, address: "carol@example.org")],
        submitTime: date("2023-03-14T09:26:53Z"), deliveryTime: date("2023-03-14T09:27:01Z"),
        messageID: "<q1@example.com>", inReplyTo: "<q0@example.com>", references: ["<q0@example.com>"],
        conversationIndex: Array(repeating: 7, count: 22), body: "See attached.",
        attachments: [AttachmentSpec(filename: "numbers.csv", data: Array("a,b\n1,2\n".utf8))])

    func read(_ path: String) throws -> (PSTFile, [FolderSummary], [MailItem], [ItemFailure]) {
        let file = try PSTFile(path: path)
        var folders: [FolderSummary] = []
        var items: [MailItem] = []
        var failures: [ItemFailure] = []
        try file.read { event in
            switch event {
            case .folder(let folder): folders.append(folder)
            case .item(let item): items.append(item)
            case .failure(let failure): failures.append(failure)
            }
        }
        return (file, folders, items, failures)
    }

    @Test(arguments: [PSTWriter.Encryption.none, .compressible])
    func oneMessageReadsBackField(encryption: PSTWriter.Encryption) throws {
        let path = scratch.path("one.pst")
        let writer = try PSTWriter(path: path, displayName: "Ann Lee", encryption: encryption)
        try writer.add(Self.sample, to: .inbox)
        try writer.finish()
        let (file, folders, items, failures) = try read(path)
        #expect(failures.isEmpty)
        #expect(file.info.encryption == (encryption == .none ? .none : .compressible))
        #expect(file.info.displayName == "Ann Lee")
        #expect(folders.map(\.path).contains("Top of Personal Folders/Inbox"))
        let item = try #require(items.first)
        #expect(items.count == 1)
        #expect(item.kind == .email)
        #expect(item.subject == "Quarterly numbers")
        #expect(item.sender == Address(name: "Ann Lee", address: "ann.lee@example.com"))
        #expect(item.recipients == [Recipient(kind: .to, name: "Bo Chen", address: "bo.chen@example.com"),
                                    Recipient(kind: .cc, name: nil, address: "carol@example.org")])
        #expect(item.submitTime == Self.date("2023-03-14T09:26:53Z"))
        #expect(item.deliveryTime == Self.date("2023-03-14T09:27:01Z"))
        #expect(item.messageID == "<q1@example.com>")
        #expect(item.inReplyTo == "<q0@example.com>")
        #expect(item.references == ["<q0@example.com>"])
        #expect(item.conversationIndex == Array(repeating: 7, count: 22))
        #expect(item.attachmentCount == 1)
        #expect(item.unreadableProperties.isEmpty)
    }
}

/// The progress estimate reads each folder's own count (PidTagContentCount, which the writer
/// sets) and must agree with the items the walk finds.
struct ItemEstimateTests {
    let scratch = Scratch()

    @Test func estimateEqualsTheItemsWalked() throws {
        let path = scratch.path("estimate.pst")
        let writer = try PSTWriter(path: path, displayName: "Ann Lee", encryption: .compressible)
        for (role, count) in [(FolderRole.inbox, 7), (.sentItems, 3), (.deletedItems, 2)] {
            for _ in 0..<count { try writer.add(RoundTripTests.sample, to: role) }
        }
        try writer.finish()
        let file = try PSTFile(path: path)
        var items = 0
        try file.read { if case .item = $0 { items += 1 } }
        #expect(items == 12)
        #expect(file.estimatedItemCount() == items)
    }
}

struct DeterminismTests {
    let scratch = Scratch()

    @Test func sameInputSameBytes() throws {
        for name in ["a.pst", "b.pst"] {
            let writer = try PSTWriter(path: scratch.path(name), displayName: "Same")
            for index in 0..<300 {
                var message = RoundTripTests.sample
                message.messageID = "<d\(index)@example.com>"
                message.subject = String(repeating: "ü", count: index % 50 == 0 ? 3000 : 10)
                try writer.add(message, to: index % 2 == 0 ? .inbox : .other(["A", "B"]))
            }
            try writer.finish()
        }
        let a = try Data(contentsOf: scratch.url.appendingPathComponent("a.pst"))
        let b = try Data(contentsOf: scratch.url.appendingPathComponent("b.pst"))
        #expect(a.count > 300 * 1000)
        let identical = a == b
        #expect(identical)
    }
}
