import CLibpff

/// Reads one item's properties into a `MailItem`.
enum MessageReader {
    static func read(
        _ item: ItemHandle, folderPath: String, x500Map: inout X500Map
    ) throws(LibpffError) -> MailItem {
        let identifier = try item.identifier
        let properties = try item.recordSet(0)
        let messageClass = try properties.string(.messageClass)
        let headers = try properties.string(.transportHeaders).map(TransportHeaders.init)
        let recipients = try readRecipients(of: item, learningInto: &x500Map)
        let sender = SenderProperties(
            name: try properties.string(.senderName),
            senderSMTP: try properties.string(.senderSMTPAddress),
            representingSMTP: try properties.string(.sentRepresentingSMTPAddress),
            address: try properties.string(.senderAddress),
            addressType: try properties.string(.senderAddressType),
            representingName: try properties.string(.sentRepresentingName),
            representingAddress: try properties.string(.sentRepresentingAddress),
            headerFrom: headers?.from
        ).resolve(using: x500Map)

        var attachments: Int32 = 0
        _ = try? libpff("libpff_message_get_number_of_attachments") {
            libpff_message_get_number_of_attachments(item.raw, &attachments, $0)
        }
        let references = try properties.string(.internetReferences).map(TransportHeaders.messageIDs)

        return MailItem(
            identifier: identifier,
            folderPath: folderPath,
            kind: ItemKind(messageClass: messageClass),
            messageClass: messageClass,
            subject: try properties.string(.subject).map(stripSubjectPrefix),
            sender: sender,
            recipients: recipients,
            submitTime: try properties.date(.clientSubmitTime),
            deliveryTime: try properties.date(.deliveryTime),
            messageID: try properties.string(.internetMessageID) ?? headers?.messageID,
            inReplyTo: try properties.string(.inReplyTo) ?? headers?.inReplyTo,
            references: references ?? headers?.references ?? [],
            conversationIndex: try properties.bytes(.conversationIndex),
            size: try properties.int32(.messageSize),
            attachmentCount: Int(attachments))
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
            let addressType = try set.string(.addressType)
            let best = smtp ?? (addressType?.uppercased() == "EX" ? address.flatMap(x500Map.smtp) : nil) ?? address
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

/// The sender properties an item may carry, resolved in the order DESIGN.md gives:
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
    var headerFrom: String?

    func resolve(using map: X500Map) -> Address {
        let displayName = name ?? representingName
        if let smtp = senderSMTP ?? representingSMTP, smtp.contains("@") {
            return Address(name: displayName, address: smtp)
        }
        let raw = address ?? representingAddress
        if let raw, addressType?.uppercased() == "SMTP" || (addressType == nil && raw.contains("@")) {
            return Address(name: displayName, address: raw)
        }
        if let headerFrom { return Address(name: displayName, address: headerFrom) }
        if let raw, X500.isDistinguishedName(raw), let smtp = map.smtp(for: raw) {
            return Address(name: displayName, address: smtp)
        }
        return Address(name: displayName, address: raw)
    }
}
