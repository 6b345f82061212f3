import Foundation
import PSTWriter

/// Messages for the hand-made mailboxes of the evidence tests, numbered as they are made.
struct HandMadeMail {
    private var number = 0

    /// A one-recipient note; its Message-ID is `id`, else "<mN@partner.example>".
    mutating func note(_ from: String, _ to: String, _ time: Int64, id: String? = nil, inReplyTo: String? = nil,
                       references: [String]? = nil, index: [UInt8]? = nil) -> MessageSpec {
        number += 1
        return MessageSpec(
            subject: "Note \(number)", senderName: from, senderAddress: from,
            recipients: [RecipientSpec(kind: .to, name: nil, address: to)],
            submitTime: Date(timeIntervalSince1970: TimeInterval(time)),
            deliveryTime: Date(timeIntervalSince1970: TimeInterval(time + 5)),
            messageID: id ?? "<m\(number)@partner.example>", inReplyTo: inReplyTo,
            references: references ?? inReplyTo.map { [$0] } ?? [], conversationIndex: index, body: "Text")
    }

    /// A conversation index ([MS-OXOMSG] 2.2.1.3): the thread's start, then one response level per time.
    static func conversationIndex(start: Int64, levels: [Int64]) -> [UInt8] {
        let fileTime = { (unix: Int64) in UInt64(unix + 11_644_473_600) * 10_000_000 }
        let header = fileTime(start) >> 24
        var bytes: [UInt8] = [1] + (0..<5).map { UInt8(truncatingIfNeeded: header >> UInt64(32 - 8 * $0)) }
        bytes += [UInt8](repeating: 0xAB, count: 16)
        for time in levels {
            let delta = UInt32(truncatingIfNeeded: (fileTime(time) - (header << 24)) >> 18)
            bytes += [UInt8(delta >> 24), UInt8(truncatingIfNeeded: delta >> 16), UInt8(truncatingIfNeeded: delta >> 8),
                      UInt8(truncatingIfNeeded: delta), 0x01]
        }
        return bytes
    }
}
