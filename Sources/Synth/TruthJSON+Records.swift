/// Hand-written JSON for the two records a large truth holds millions of. Byte for byte what
/// `JSONEncoder` with sorted keys and unescaped slashes writes (a test holds it to that), at a
/// small fraction of the cost.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1024) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ value: String?) {
        guard let value else { return raw("null") }
        bytes.append(UInt8(ascii: "\""))
        // Most values need no escaping: copy them whole.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            bytes.append(contentsOf: value.utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x08: raw("\\b")
            case 0x0C: raw("\\f")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                raw("\\u00")
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func int(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }
    mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }

    mutating func array<T>(_ items: [T], _ element: (inout JSONWriter, T) -> Void) {
        raw("[")
        for (i, item) in items.enumerated() {
            if i > 0 { raw(",") }
            element(&self, item)
        }
        raw("]")
    }
}

extension Truth.Message {
    /// Keys in sorted order.
    func writeJSON(_ w: inout JSONWriter) {
        w.raw("{\"attachments\":"); w.array(attachments) { $0.string($1) }
        w.raw(",\"automated\":"); w.bool(automated)
        w.raw(",\"conversation_index\":"); w.string(conversationIndex)
        w.raw(",\"delivery_time\":"); w.string(deliveryTime)
        w.raw(",\"files\":"); w.array(files) { $0.int($1) }
        w.raw(",\"folder\":"); w.string(folder)
        w.raw(",\"in_reply_to\":"); w.string(inReplyTo)
        w.raw(",\"message_class\":"); w.string(messageClass)
        w.raw(",\"message_id\":"); w.string(messageID)
        w.raw(",\"parent_lost_in_gap\":"); w.string(parentLostInGap)
        w.raw(",\"recipients\":")
        w.array(recipients) { w, recipient in
            w.raw("{\"address\":"); w.string(recipient.address)
            w.raw(",\"kind\":"); w.string(recipient.kind)
            w.raw(",\"name\":"); w.string(recipient.name)
            w.raw("}")
        }
        w.raw(",\"references\":"); w.array(references) { $0.string($1) }
        w.raw(",\"sender_address\":"); w.string(senderAddress)
        w.raw(",\"sender_name\":"); w.string(senderName)
        w.raw(",\"subject\":"); w.string(subject)
        w.raw(",\"submit_time\":"); w.string(submitTime)
        w.raw("}")
    }
}

extension Truth.ReplyPair {
    /// Keys in sorted order.
    func writeJSON(_ w: inout JSONWriter) {
        w.raw("{\"delay_seconds\":"); w.int(delaySeconds)
        w.raw(",\"parent_message_id\":"); w.string(parentMessageID)
        w.raw(",\"replier\":"); w.string(replier)
        w.raw(",\"reply_message_id\":"); w.string(replyMessageID)
        w.raw("}")
    }
}

/// A record the truth file streams, written by hand.
protocol StreamedRecord {
    func writeJSON(_ w: inout JSONWriter)
}

extension Truth.Message: StreamedRecord {}
extension Truth.ReplyPair: StreamedRecord {}

extension StreamedRecord {
    var jsonBytes: [UInt8] {
        var w = JSONWriter()
        writeJSON(&w)
        return w.bytes
    }
}
