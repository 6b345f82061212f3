import Foundation
import Testing
import TestSupport
@testable import PSTReader
@testable import PSTWriter

/// Other readers than libpff's own API agree with what the writer wrote.
@Suite(.enabled(if: ExternalTools.available, Comment(rawValue: ExternalTools.missingMessage)))
struct IndependentReadersTests {
    let scratch = Scratch()

    /// A mailbox big enough for multi-block heaps, XBLOCK data trees, subnode values over 3,580
    /// bytes, attachments and nested folders.
    func writeMailbox(_ path: String, messages: Int, encryption: PSTWriter.Encryption, oneFolder: Bool = false) throws {
        let writer = try PSTWriter(path: path, displayName: "Test Mailbox", encryption: encryption)
        for index in 0..<messages {
            var message = RoundTripTests.sample
            message.subject = "Message \(index) " + String(repeating: "é", count: index % 7 == 0 ? 2000 : 3)
            message.messageID = "<m\(index)@example.com>"
            message.submitTime = Date(timeIntervalSince1970: 1_600_000_000 + Double(index) * 3600)
            message.body = switch index % 11 {
            case 0: String(repeating: "Long body line.\n", count: 1500)        // a subnode under an XBLOCK
            case 5: String(repeating: "x", count: 1750)                         // fills a heap page
            default: "Short."
            }
            if index % 11 == 5 { message.subject = String(repeating: "s", count: 1700) }
            message.attachments = index % 13 == 0
                ? [AttachmentSpec(filename: "big.bin", data: (0..<20_000).map { UInt8($0 % 251) })] : []
            let roles: [FolderRole] = [.inbox, .sentItems, .other(["Projects", "2023"]), .deletedItems]
            let role = oneFolder ? .inbox : roles[index % 4]
            try writer.add(message, to: role)
        }
        try writer.finish()
    }

    /// 600 messages over five folders, and 1,500 in one folder (its contents table then has
    /// several row blocks under an XBLOCK and a two-level row index).
    @Test(arguments: [(PSTWriter.Encryption.none, 600, false), (.compressible, 600, false), (.compressible, 1500, true)])
    func pffexportAndReadpstCountEveryMessage(encryption: PSTWriter.Encryption, messages: Int, oneFolder: Bool) throws {
        let path = scratch.path("mailbox.pst")
        try writeMailbox(path, messages: messages, encryption: encryption, oneFolder: oneFolder)
        if let keep = ProcessInfo.processInfo.environment["PSTSCOPE_KEEP_PST"] {
            try? FileManager.default.removeItem(atPath: keep + "\(encryption)-\(messages).pst")
            try FileManager.default.copyItem(atPath: path, toPath: keep + "\(encryption)-\(messages).pst")
        }
        let verdict = try ExternalTools.examine(path, scratch: scratch.url)
        #expect(verdict.pffinfoStatus == 0)
        #expect(verdict.pffexportProblems == [])
        #expect(verdict.pffexportMessages == messages)
        #expect(verdict.readpstMessages == messages)

        var items = 0
        var failures: [ItemFailure] = []
        try PSTFile(path: path).read { event in
            if case .item = event { items += 1 }
            if case .failure(let failure) = event { failures.append(failure) }
        }
        #expect(items == messages)
        #expect(failures == [])
    }
}
