import Foundation
import FuzzSupport
import MailModel
import Store
// The worker stream is a private format between pstscope and its own worker processes, so its
// reader stays internal to Ingest; debug builds (fuzzing and ordinary) compile it testable.
@testable import Ingest

/// The worker stream as the importing process reads it: frames split by their length prefix,
/// each decoded to a record. A record that decodes must encode and decode to itself.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var stream = UnsafeRawBufferPointer(start: data, count: size)
    while true {
        let frame: (record: ReadRecord, size: Int)?
        do {
            frame = try ReadRecord.nextFrame(in: stream)
        } catch {
            return 0  // a malformed stream: the file fails, as it should
        }
        guard let frame else { return 0 }
        precondition(frame.size > 4 && frame.size <= stream.count, "a frame larger than the stream")
        var wire = WireWriter(capacity: 0)
        frame.record.encode(into: &wire)
        let again = try? wire.bytes.withUnsafeBytes { try ReadRecord.nextFrame(in: $0) }
        precondition(again?.record == frame.record && again?.size == wire.bytes.count, "a record that does not survive re-encoding")
        stream = UnsafeRawBufferPointer(rebasing: stream[frame.size...])
    }
}

@main enum ReadRecordHarness {
    static func main() {
        let arguments = CommandLine.arguments
        if arguments.count == 3 && arguments[1] == "--write-seeds" {
            writeSeeds(to: arguments[2])
            exit(0)
        }
        FuzzMain.run(fuzz)
    }

    /// The seed corpus: each kind of record alone, then a whole file's stream, as the encoder
    /// writes them (`FuzzReadRecord --write-seeds Fuzz/corpus/ReadRecord`).
    static func writeSeeds(to folder: String) {
        let message = IncomingMessage(
            itemID: 2_097_188, folderID: 32_802, dedupKey: "mid:<a@b>", kind: .email, messageClass: "IPM.Note",
            internetMessageID: "<a@b>", inReplyTo: "<p@b>", references: ["<x@y>", "<p@b>"],
            conversationIndex: Data([1, 0xD5, 0, 0xFF, 0x20, 0x7E]), subject: "Re: budget é 🚀",
            senderName: "Ann Lee", senderEmail: "ann@example.com", sentAt: 1_700_000_000, receivedAt: 1_700_000_060,
            size: 48_213, attachmentCount: 1,
            recipients: [IncomingRecipient(kind: .to, name: "Bo", email: "bo@example.com"),
                         IncomingRecipient(kind: .cc, name: nil, email: "/o=org/ou=first/cn=recipients/cn=cy")],
            isBulk: false)
        let bare = IncomingMessage(
            itemID: 36, folderID: 32_802, dedupKey: "hash:00ff", kind: .other, messageClass: nil, internetMessageID: nil,
            inReplyTo: nil, references: [], conversationIndex: nil, subject: nil, senderName: nil, senderEmail: nil,
            sentAt: nil, receivedAt: -86_400, size: nil, attachmentCount: 0, recipients: [], isBulk: true)
        let records: [(String, ReadRecord)] = [
            ("opened", .opened(OpenedFile(
                facts: SourceFileFacts(fingerprint: "5f2c9a", path: "/mail/ann.pst", size: 2_302_976, format: "Unicode 64-bit",
                                       contentType: "pst", encryption: "compressible", displayName: "Personal Folders"),
                itemTotal: 118, truncation: nil))),
            ("folder", .folder(IncomingFolder(nodeID: 32_802, path: "Top of Personal Folders/Sent Items", itemCount: 31, isSentItems: true))),
            ("message", .message(message)),
            ("message-bare", .message(bare)),
            ("problem", .problem(IncomingError(itemID: 2_097_220, itemIndex: 4, folderPath: "Inbox", kind: .unreadableItem,
                                               message: "libpff_item_get_entry_value: invalid", itemFailed: true))),
            ("finished", .finished(x500: ["/o=org/ou=first/cn=recipients/cn=cy": "cy@example.com"], fatal: nil)),
            ("failed", .failed(kind: .notPST, message: "not a PST or OST file (no !BDN signature)")),
        ]
        func write(_ name: String, _ bytes: [UInt8]) {
            guard FileManager.default.createFile(atPath: "\(folder)/\(name)", contents: Data(bytes)) else {
                fatalError("cannot write \(folder)/\(name)")
            }
        }
        var stream = WireWriter()
        for (name, record) in records {
            var wire = WireWriter()
            record.encode(into: &wire)
            write(name, wire.bytes)
            if name != "failed" { record.encode(into: &stream) }
        }
        write("stream", stream.bytes)
    }
}
