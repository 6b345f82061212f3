import Crypto
import Foundation
import PSTReader
import Store

/// The normalise stage: canonical addresses, UTC seconds, and the key that finds duplicates.
public enum Normalizer {
    /// Lower-cased SMTP address, or lower-cased Exchange DN; nil for anything that is
    /// neither (a bare display name in an address field is not an identity).
    public static func canonicalAddress(_ raw: String?) -> String? {
        guard var address = raw?.trimmingCharacters(in: .whitespacesAndNewlines), !address.isEmpty else { return nil }
        if address.lowercased().hasPrefix("mailto:") { address.removeFirst(7) }
        address = address.trimmingCharacters(in: CharacterSet(charactersIn: "<>\"' "))
        if X500.isDistinguishedName(address) { return address.lowercased() }
        guard address.contains("@"), !address.contains(where: \.isWhitespace) else { return nil }
        return address.lowercased()
    }

    /// A Message-ID as stored and compared: trimmed, in angle brackets.
    public static func messageID(_ raw: String?) -> String? {
        guard let trimmed = raw?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        let bare = trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
        return bare.isEmpty ? nil : "<\(bare)>"
    }

    /// Message-ID first; without one, a SHA-256 of the normalised headers: class, sender,
    /// recipients (sorted), date to the minute and subject.
    public static func dedupKey(for item: MailItem) -> String {
        if let id = messageID(item.messageID) { return "mid:" + id.lowercased() }
        let minute = (item.submitTime ?? item.deliveryTime).map { Int64(($0.timeIntervalSince1970 / 60).rounded(.down)) }
        let fields = [
            item.messageClass?.lowercased() ?? "",
            canonicalAddress(item.sender.address) ?? item.sender.name?.lowercased() ?? "",
            item.recipients.map { canonicalAddress($0.address) ?? $0.name?.lowercased() ?? "" }.sorted()
                .joined(separator: ","),
            minute.map(String.init) ?? "",
            normalizedSubject(item.subject),
        ]
        let digest = SHA256.hash(data: Data(fields.joined(separator: "\u{1F}").utf8))
        return "hdr:" + digest.map { String(format: "%02x", $0) }.joined()
    }

    static func normalizedSubject(_ subject: String?) -> String {
        (subject ?? "").lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    public static func message(_ item: MailItem) -> IncomingMessage {
        IncomingMessage(
            itemID: item.identifier,
            folderID: item.folderID,
            dedupKey: dedupKey(for: item),
            kind: item.kind.rawValue,
            messageClass: item.messageClass,
            internetMessageID: messageID(item.messageID),
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
                IncomingRecipient(kind: $0.kind.rawValue, name: $0.name, email: canonicalAddress($0.address))
            },
            isBulk: item.bulkHeaders)
    }

    static func seconds(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down))
    }
}
