import CLibpff
import MailModel

/// Reads one item's properties into a `MailItem`.
enum MessageReader {
    /// Only the item itself, its property row and its class are required: a property libpff
    /// cannot read is left out and named in `unreadableProperties`, and the item is kept.
    static func read(
        _ item: ItemHandle, identifier: UInt32, folderID: UInt32, folderPath: String, x500Map: inout X500Map
    ) throws(LibpffError) -> MailItem {
        let properties = try item.recordSet(0)
        let messageClass = try properties.string(.messageClass)
        var unreadable: [String] = []
        func optional<T>(_ name: @autoclosure () -> String, _ read: () throws(LibpffError) -> T?) -> T? {
            do {
                return try read()
            } catch {
                unreadable.append(name())
                return nil
            }
        }
        func string(_ tag: PropertyTag) -> String? {
            optional("\(tag)") { () throws(LibpffError) in try properties.string(tag) }
        }

        let headers = string(.transportHeaders).map(TransportHeaders.init)
        let recipients = optional("recipients") { () throws(LibpffError) in
            try readRecipients(of: item, learningInto: &x500Map)
        } ?? []
        let senderProperties = SenderProperties(
            name: string(.senderName), senderSMTP: string(.senderSMTPAddress),
            representingSMTP: string(.sentRepresentingSMTPAddress), address: string(.senderAddress),
            addressType: string(.senderAddressType), representingName: string(.sentRepresentingName),
            representingAddress: string(.sentRepresentingAddress), headerFrom: headers?.fromField)
        senderProperties.teach(&x500Map)

        let attachments = optional("attachments") { () throws(LibpffError) in
            try item.count("libpff_message_get_number_of_attachments") {
                libpff_message_get_number_of_attachments($0, $1, $2)
            }
        } ?? 0
        return MailItem(
            identifier: identifier,
            folderID: folderID,
            folderPath: folderPath,
            kind: ItemKind(messageClass: messageClass),
            messageClass: messageClass,
            subject: string(.subject).map(stripSubjectPrefix),
            sender: senderProperties.resolve(using: x500Map),
            recipients: recipients,
            submitTime: optional("clientSubmitTime") { () throws(LibpffError) in try properties.date(.clientSubmitTime) },
            deliveryTime: optional("deliveryTime") { () throws(LibpffError) in try properties.date(.deliveryTime) },
            messageID: string(.internetMessageID) ?? headers?.messageID,
            inReplyTo: string(.inReplyTo) ?? headers?.inReplyTo,
            references: string(.internetReferences).map(TransportHeaders.messageIDs) ?? headers?.references ?? [],
            conversationIndex: optional("conversationIndex") { () throws(LibpffError) in
                try properties.bytes(.conversationIndex)
            },
            size: optional("messageSize") { () throws(LibpffError) in try properties.int32(.messageSize) },
            attachmentCount: attachments,
            bulkHeaders: headers?.bulk ?? false, dateOffset: headers?.dateOffset,
            unreadableProperties: unreadable)
    }

    /// One row per recipient; rows that carry both an X.500 and an SMTP address teach the map.
    private static func readRecipients(
        of item: ItemHandle, learningInto x500Map: inout X500Map
    ) throws(LibpffError) -> [Recipient] {
        guard let table = try item.child("libpff_message_get_recipients", { libpff_message_get_recipients($0, $1, $2) })
        else { return [] }
        var recipients: [Recipient] = []
        for row in 0..<(try table.recordSetCount) {
            let set = try table.recordSet(row)
            let address = try set.string(.emailAddress)
            let smtp = try set.string(.smtpAddress)
            if let address, let smtp { x500Map.learn(distinguishedName: address, smtp: smtp) }
            guard let kind = RecipientKind(mapi: try set.int32(.recipientType) ?? 1) else { continue }
            var best = smtp
            if best == nil {
                // The address type matters only for a row without an SMTP address; most have one.
                let exchange = try set.string(.addressType)?.uppercased() == "EX"
                best = (exchange ? address.flatMap(x500Map.smtp) : nil) ?? address
            }
            recipients.append(Recipient(kind: kind, name: try set.string(.displayName), address: best))
        }
        return recipients
    }

    /// Outlook may store a subject as U+0001, a character giving the prefix length, then the text.
    static func stripSubjectPrefix(_ subject: String) -> String {
        guard subject.unicodeScalars.first == "\u{01}" else { return subject }
        return String(subject.unicodeScalars.dropFirst(2))
    }
}

/// The sender properties an item may carry, resolved in this order:
/// PidTagSenderSmtpAddress, PidTagSentRepresentingSmtpAddress, PidTagSenderEmailAddress when
/// its type is SMTP, the From: of the transport headers, then the file's X.500 map.
/// An X.500 address that nothing resolves yet is kept as it is, for a later pass.
struct SenderProperties {
    var name: String?
    var senderSMTP: String?
    var representingSMTP: String?
    var address: String?
    var addressType: String?
    var representingName: String?
    var representingAddress: String?
    /// The transport headers' From: field as it stands: parsed only when no property names the sender.
    var headerFrom: String?

    /// A sender DN next to the sender's own SMTP address is a mapping too.
    func teach(_ map: inout X500Map) {
        if let address, let senderSMTP { map.learn(distinguishedName: address, smtp: senderSMTP) }
        if let representingAddress, let representingSMTP {
            map.learn(distinguishedName: representingAddress, smtp: representingSMTP)
        }
    }

    func resolve(using map: X500Map) -> Address {
        let displayName = name ?? representingName
        if let smtp = senderSMTP ?? representingSMTP, smtp.utf8.contains(UInt8(ascii: "@")) {
            return Address(name: displayName, address: smtp)
        }
        let raw = address ?? representingAddress
        if let raw, addressType?.uppercased() == "SMTP" || (addressType == nil && raw.utf8.contains(UInt8(ascii: "@"))) {
            return Address(name: displayName, address: raw)
        }
        if let from = headerFrom.flatMap(TransportHeaders.address) { return Address(name: displayName, address: from) }
        if let raw, X500.isDistinguishedName(raw), let smtp = map.smtp(for: raw) {
            return Address(name: displayName, address: smtp)
        }
        return Address(name: displayName, address: raw)
    }
}
