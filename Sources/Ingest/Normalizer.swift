import Foundation
import MailModel
import PSTReader
import Store

/// The normalise stage: canonical addresses, UTC seconds, and the key that finds duplicates.
public enum Normalizer {
    /// Lower-cased SMTP address, or lower-cased Exchange DN; nil for anything that is
    /// neither (a bare display name in an address field is not an identity).
    public static func canonicalAddress(_ raw: String?) -> String? {
        guard let raw, !raw.isEmpty else { return nil }
        return plainAddress(raw) ?? anyAddress(raw)
    }

    /// The general case: ends trimmed of whitespace, brackets, quotes and a mailto: scheme.
    static func anyAddress(_ raw: String) -> String? {
        // Exchange DNs ("/o=First Organization/…") have inner spaces and miss `plainAddress`, but
        // their ends are bare: skip Foundation's trimming when no end byte needs it. Any non-ASCII
        // end byte takes the full path, since it may be Unicode whitespace.
        let isEdge = { (byte: UInt8) in
            switch byte {
            case 0x09...0x0D, 0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0x80...: true
            default: false
            }
        }
        let hasScheme = startsWithMailto(raw.utf8)
        var address = raw
        if let first = raw.utf8.first, let last = raw.utf8.last, isEdge(first) || isEdge(last) || hasScheme {
            address = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if address.lowercased().hasPrefix("mailto:") { address.removeFirst(7) }
            address = address.trimmingCharacters(in: CharacterSet(charactersIn: "<>\"' "))
        }
        guard !address.isEmpty else { return nil }
        if X500.isDistinguishedName(address) { return address.lowercased() }
        guard address.utf8.contains(UInt8(ascii: "@")), !containsWhitespace(address) else { return nil }
        return address.lowercased()
    }

    /// Nearly every address is bare ASCII: one pass over its bytes settles it, and an address
    /// already in lower case is returned as it is. Nil sends anything else down the full path.
    static func plainAddress(_ raw: String) -> String? {
        var text = raw
        let (plain, hasUpper) = text.withUTF8 { bytes -> (Bool, Bool) in
            var hasAt = false, hasUpper = false
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "@"): hasAt = true
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): hasUpper = true
                case 0...0x20, 0x7F..., UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"):
                    return (false, false)
                default: break
                }
            }
            return (hasAt && bytes.first != UInt8(ascii: "/") && !startsWithMailto(bytes), hasUpper)
        }
        guard plain else { return nil }
        return hasUpper ? raw.lowercased() : raw
    }

    /// "mailto:" in any case at the start.
    private static func startsWithMailto(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.count >= 7 && zip(bytes, "mailto:".utf8).allSatisfy { $0 | 0x20 == $1 }
    }

    /// ASCII text, nearly every address, is checked byte by byte; the rest by Unicode's definition.
    private static func containsWhitespace(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.utf8.contains { $0 == 0x20 || (0x09...0x0D).contains($0) } }
        return text.contains(where: \.isWhitespace)
    }

    /// A Message-ID as stored and compared: trimmed, in angle brackets.
    public static func messageID(_ raw: String?) -> String? {
        guard let raw else { return nil }
        if let first = raw.utf8.first, let last = raw.utf8.last, first >= 0x80 || last >= 0x80 {
            // Possibly Unicode whitespace at an end: Foundation knows it.
            let bare = raw.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
            return bare.isEmpty ? nil : "<\(bare)>"
        }
        // Whitespace, then brackets, off both ends; on the UTF-8 bytes (every message has one or more).
        let utf8 = raw.utf8
        let isSpace = { (byte: UInt8) in byte == 0x20 || (0x09...0x0D).contains(byte) }
        let isEdge = { (byte: UInt8) in byte == 0x3C || byte == 0x3E }
        guard var first = utf8.firstIndex(where: { !isSpace($0) }), var last = utf8.lastIndex(where: { !isSpace($0) })
        else { return nil }
        while first <= last && isEdge(utf8[first]) { first = utf8.index(after: first) }
        while last >= first && isEdge(utf8[last]) { last = utf8.index(before: last) }
        guard first <= last else { return nil }
        return "<" + String(Substring(utf8[first...last])) + ">"
    }

    /// Message-ID first; without one, a SHA-256 of the normalised headers: class, sender,
    /// recipients (sorted), date to the minute and subject.
    public static func dedupKey(for item: MailItem) -> String {
        dedupKey(for: item, messageID: messageID(item.messageID))
    }

    /// The key, given the item's normalised Message-ID (worked out once per item).
    static func dedupKey(for item: MailItem, messageID id: String?) -> String {
        if let id { return "mid:" + id.lowercased() }
        return HeaderKey.of(
            messageClass: item.messageClass,
            sender: HeaderKey.Party(email: canonicalAddress(item.sender.address), name: item.sender.name),
            recipients: item.recipients.map { HeaderKey.Party(email: canonicalAddress($0.address), name: $0.name) },
            seconds: (item.submitTime ?? item.deliveryTime).map(seconds),
            subject: item.subject)
    }

    public static func message(_ item: MailItem) -> IncomingMessage {
        let internetMessageID = messageID(item.messageID)
        return IncomingMessage(
            itemID: item.identifier,
            folderID: item.folderID,
            dedupKey: dedupKey(for: item, messageID: internetMessageID),
            kind: item.kind,
            messageClass: item.messageClass,
            internetMessageID: internetMessageID,
            inReplyTo: messageID(item.inReplyTo),
            references: item.references.compactMap(messageID),
            conversationIndex: item.conversationIndex.map { Data($0) },
            subject: item.subject,
            senderName: item.sender.name,
            senderEmail: canonicalAddress(item.sender.address),
            sentAt: item.submitTime.map(seconds),
            receivedAt: item.deliveryTime.map(seconds),
            size: item.size,
            attachmentCount: item.attachmentCount,
            recipients: item.recipients.map {
                IncomingRecipient(kind: $0.kind, name: $0.name, email: canonicalAddress($0.address))
            },
            isBulk: item.bulkHeaders, dateOffset: item.dateOffset)
    }

    static func seconds(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down))
    }
}
