import Foundation
import Store
import MailModel
import Testing
@testable import Ingest

/// The worker stream carries every field of every record unchanged, and a damaged frame is
/// rejected rather than read as something else.
struct ReadRecordTests {
    static let message = IncomingMessage(
        itemID: 2_097_188, folderID: 32_802, dedupKey: "mid:<a@b>", kind: .email, messageClass: "IPM.Note",
        internetMessageID: "<a@b>", inReplyTo: nil, references: ["<x@y>", "<z@y>"],
        conversationIndex: Data([1, 0xD5, 0, 0xFF]), subject: "=HYPERLINK(\"x\") <script>é 🚀\u{0}",
        senderName: nil, senderEmail: "ann@example.com", sentAt: -86_400, receivedAt: 1_700_000_000, size: nil,
        attachmentCount: 3,
        recipients: [IncomingRecipient(kind: .to, name: "Bo", email: nil),
                     IncomingRecipient(kind: .bcc, name: nil, email: "c@d")],
        isBulk: true)

    static let records: [ReadRecord] = [
        .opened(OpenedFile(
            facts: SourceFileFacts(fingerprint: "ab12", path: "/tmp/x.pst", size: 1 << 40, format: "unicode",
                                   contentType: "pst", encryption: "none", displayName: nil),
            itemTotal: 12, truncation: "truncated: …")),
        .folder(IncomingFolder(nodeID: UInt32.max, path: "Top/Sent Items", itemCount: 0, isSentItems: true)),
        .message(message),
        .problem(IncomingError(itemID: 7, itemIndex: nil, folderPath: "Inbox", kind: .unreadableItem,
                               message: "bad", itemFailed: true)),
        .finished(x500: ["/o=org/cn=ann": "ann@example.com", "/o=org/cn=bo": "bo@example.com"], fatal: nil),
        .failed(kind: .notPST, message: "not a PST or OST file"),
    ]

    /// Encodes all records into one stream and splits it by the length prefixes, as the parent does.
    static func roundTrip(_ records: [ReadRecord]) throws -> [ReadRecord] {
        var wire = WireWriter()
        for record in records { record.encode(into: &wire) }
        var decoded: [ReadRecord] = []
        try wire.bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let length = Int(raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian)
                decoded.append(try ReadRecord.decode(UnsafeRawBufferPointer(rebasing: raw[(offset + 4)..<(offset + 4 + length)])))
                offset += 4 + length
            }
        }
        return decoded
    }

    @Test func everyRecordSurvivesTheStream() throws {
        #expect(try Self.roundTrip(Self.records) == Self.records)
    }

    @Test func truncatedOrPaddedFramesAreRejected() throws {
        var wire = WireWriter()
        ReadRecord.message(Self.message).encode(into: &wire)
        let frame = Array(wire.bytes.dropFirst(4))
        for cut in [1, 2, frame.count / 2, frame.count - 1] {
            #expect(throws: WireReader.Malformed.self) {
                try Array(frame.prefix(cut)).withUnsafeBytes { try ReadRecord.decode($0) }
            }
        }
        #expect(throws: WireReader.Malformed.self) { try (frame + [0]).withUnsafeBytes { try ReadRecord.decode($0) } }
        #expect(throws: WireReader.Malformed.self) { try [UInt8(99)].withUnsafeBytes { try ReadRecord.decode($0) } }
    }

    /// A frame as the stream carries it: its length, then `payload` (type byte first).
    static func frame(_ payload: [UInt8]) -> [UInt8] {
        withUnsafeBytes(of: UInt32(payload.count).littleEndian, Array.init) + payload
    }

    /// 2^64 - 1 as a varint: nine bytes of 0x7F with the continuation bit, then 1.
    static let hugeLength: [UInt8] = Array(repeating: 0xFF, count: 9) + [0x01]

    /// Byte counts beyond Int once trapped when converted, so a damaged stream killed the
    /// importing process instead of failing its file (found by Fuzz/ReadRecord): a string's
    /// length, an optional string's and an optional byte string's.
    @Test(arguments: [
        [6] + ReadRecordTests.hugeLength,                         // failed: kind
        [4, 0, 0] + ReadRecordTests.hugeLength,                   // problem: folder path
        [3, 1, 1, 0, 0, 0, 0, 0, 0] + ReadRecordTests.hugeLength, // message: conversation index
    ] as [[UInt8]])
    func aLengthBeyondTheFrameIsMalformed(_ payload: [UInt8]) {
        #expect(throws: WireReader.Malformed.self) {
            try Self.frame(payload).withUnsafeBytes { try ReadRecord.nextFrame(in: $0) }
        }
    }

    /// Kinds travel by name: a name outside the vocabulary is a damaged frame, not a new kind.
    @Test(arguments: ["nope", "not_ps", "NOT_PST", ""])
    func aKindOutsideTheVocabularyIsMalformed(name: String) throws {
        func failedFrame(kind: String) -> [UInt8] {
            var wire = WireWriter()
            wire.beginFrame(6)  // failed: kind, message
            wire.string(kind)
            wire.string("not a PST")
            wire.endFrame()
            return Array(wire.bytes.dropFirst(4))
        }
        // The same frame with a name the reader knows decodes: only the name is wrong.
        #expect(try failedFrame(kind: "not_pst").withUnsafeBytes { try ReadRecord.decode($0) }
                == .failed(kind: .notPST, message: "not a PST"))
        #expect(throws: WireReader.Malformed.self) {
            try failedFrame(kind: name).withUnsafeBytes { try ReadRecord.decode($0) }
        }
    }

    /// The stream reader's framing: nothing until a frame is whole, then the frame and its size.
    @Test func framesAreTakenWholeFromTheStream() throws {
        var wire = WireWriter()
        for record in Self.records { record.encode(into: &wire) }
        var stream = ArraySlice(wire.bytes)
        var decoded: [ReadRecord] = []
        while !stream.isEmpty {
            let partial = try Array(stream.prefix(4 + 1)).withUnsafeBytes { try ReadRecord.nextFrame(in: $0) }
            #expect(partial == nil)
            let frame = try #require(try Array(stream).withUnsafeBytes { try ReadRecord.nextFrame(in: $0) })
            decoded.append(frame.record)
            stream = stream.dropFirst(frame.size)
        }
        #expect(decoded == Self.records)
        #expect(throws: WireReader.Malformed.self) { try [UInt8](repeating: 0, count: 8).withUnsafeBytes { try ReadRecord.nextFrame(in: $0) } }
    }
}
