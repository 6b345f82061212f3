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
    func writeMailbox(_ path: String, messages: Int, encryption: PSTWriter.Encryption) throws {
        let writer = try PSTWriter(path: path, displayName: "Test Mailbox", encryption: encryption)
        for index in 0..<messages {
            var message = RoundTripTests.sample
            message.subject = "Message \(index) " + String(repeating: "é", count: index % 7 == 0 ? 2000 : 3)
            message.messageID = "<m\(index)@example.com>"
            message.submitTime = Date(timeIntervalSince1970: 1_600_000_000 + Double(index) * 3600)
            message.body = index % 11 == 0 ? String(repeating: "Long body line.\n", count: 1500) : "Short."
            message.attachments = index % 13 == 0
                ? [AttachmentSpec(filename: "big.bin", data: (0..<20_000).map { UInt8($0 % 251) })] : []
            let role: FolderRole = switch index % 4 {
            case 0: .inbox
            case 1: .sentItems
            case 2: .other(["Projects", "2023"])
            default: .deletedItems
            }
            try writer.add(message, to: role)
        }
        try writer.finish()
    }

    @Test(arguments: [PSTWriter.Encryption.none, .compressible])
    func pffexportAndReadpstCountEveryMessage(encryption: PSTWriter.Encryption) throws {
        let path = scratch.path("mailbox.pst")
        try writeMailbox(path, messages: 600, encryption: encryption)
        if let keep = ProcessInfo.processInfo.environment["PSTSCOPE_KEEP_PST"] {
            try? FileManager.default.removeItem(atPath: keep + "\(encryption).pst")
            try FileManager.default.copyItem(atPath: path, toPath: keep + "\(encryption).pst")
        }
        let verdict = try ExternalTools.examine(path, scratch: scratch.url)
        #expect(verdict.pffinfoStatus == 0)
        #expect(verdict.pffexportProblems == [])
        #expect(verdict.pffexportMessages == 600)
        #expect(verdict.readpstMessages == 600)

        var items = 0
        var failures: [ItemFailure] = []
        try PSTFile(path: path).read { event in
            if case .item = event { items += 1 }
            if case .failure(let failure) = event { failures.append(failure) }
        }
        #expect(items == 600)
        #expect(failures == [])
    }
}
