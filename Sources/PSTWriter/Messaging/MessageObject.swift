import Foundation

/// One message node ([MS-PST] 2.4.5): its property context, and as subnodes the recipient
/// table, the attachment table, each attachment's property context and large values.
enum MessageObject {
    static func write(_ message: MessageSpec, nid: NID, folder: NID, to database: NodeDatabase) throws(NDBError)
        -> [UInt16: PropertyValue]
    {
        var nids = SubnodeNIDs()
        var pc = PropertyContext()
        pc[PropertyID.messageClass] = .string(message.messageClass)
        func set(_ id: UInt16, _ text: String?) {
            if let text, !text.isEmpty { pc[id] = .string(text) }
        }
        set(PropertyID.subject, message.subject)
        set(PropertyID.conversationTopic, message.subject.map(topic))
        set(PropertyID.senderName, message.senderName)
        set(PropertyID.sentRepresentingName, message.senderName)
        if let address = message.senderAddress, !address.isEmpty {
            // A sender inside an Exchange organisation is named by its DN alone, as in mail
            // that never left the server: no SMTP address beside it.
            let exchange = ExchangeAddress.isDistinguishedName(address)
            let ids = exchange ? [PropertyID.senderEmailAddress, PropertyID.sentRepresentingEmailAddress]
                : [PropertyID.senderEmailAddress, PropertyID.senderSMTPAddress,
                   PropertyID.sentRepresentingEmailAddress, PropertyID.sentRepresentingSMTPAddress]
            for id in ids { pc[id] = .string(address) }
            pc[PropertyID.senderAddressType] = .string(exchange ? "EX" : "SMTP")
            pc[PropertyID.sentRepresentingAddressType] = .string(exchange ? "EX" : "SMTP")
        }
        if let time = message.submitTime { pc[PropertyID.clientSubmitTime] = .time(time) }
        if let time = message.deliveryTime ?? message.submitTime {
            if message.deliveryTime != nil { pc[PropertyID.messageDeliveryTime] = .time(time) }
            pc[PropertyID.creationTime] = .time(time)
            pc[PropertyID.lastModificationTime] = .time(time)
        }
        set(PropertyID.internetMessageID, message.messageID)
        set(PropertyID.inReplyTo, message.inReplyTo)
        set(PropertyID.internetReferences, message.references.isEmpty ? nil : message.references.joined(separator: " "))
        if let index = message.conversationIndex, !index.isEmpty { pc[PropertyID.conversationIndex] = .binary(index) }
        set(PropertyID.transportMessageHeaders, TransportHeaders.build(message))
        set(PropertyID.body, message.body)
        for (kind, id) in [(RecipientSpec.Kind.to, PropertyID.displayTo), (.cc, PropertyID.displayCc),
                           (.bcc, PropertyID.displayBcc)] {
            set(id, message.recipients.filter { $0.kind == kind }.map { $0.name ?? $0.address }.joined(separator: "; "))
        }
        pc[PropertyID.importance] = .int32(1)
        pc[PropertyID.messageFlags] = .int32(1)                     // MSGFLAG_READ
        pc[PropertyID.hasAttachments] = .boolean(!message.attachments.isEmpty)
        let size = pc.properties.values.reduce(0) { $0 + $1.bytes.count } + message.attachments.reduce(0) { $0 + $1.data.count }
        pc[PropertyID.messageSize] = .int32(Int32(clamping: size))

        var content = try pc.write(to: database, subnodeNIDs: &nids)
        var subnodes = content.subnodes
        subnodes.append(try recipientTable(message.recipients, database))
        subnodes += try attachments(message.attachments, nids: &nids, database)
        let tree = try database.writeSubnodes(subnodes)
        content.subnodes = []
        database.addNode(nid, data: content.data, subnodes: tree, parent: folder)
        return pc.properties
    }

    /// The conversation topic: the subject without its reply or forward prefix.
    static func topic(_ subject: String) -> String {
        for prefix in ["RE: ", "Re: ", "FW: ", "Fw: ", "FWD: ", "Fwd: "] where subject.hasPrefix(prefix) {
            return String(subject.dropFirst(prefix.count))
        }
        return subject
    }

    private static func recipientTable(_ recipients: [RecipientSpec], _ database: NodeDatabase) throws(NDBError)
        -> (nid: UInt32, data: UInt64, sub: UInt64)
    {
        let table = TableContext(database: database, columns: Columns.recipients)
        for (row, recipient) in recipients.enumerated() {
            var values: [UInt16: PropertyValue] = [
                PropertyID.recipientType: .int32(Int32(recipient.kind.rawValue)),
                PropertyID.objectType: .int32(6),                   // MAPI_MAILUSER
                PropertyID.rowID: .int32(Int32(row)),
                PropertyID.displayType: .int32(0),                  // DT_MAILUSER
                PropertyID.addressType: .string(ExchangeAddress.isDistinguishedName(recipient.address) ? "EX" : "SMTP"),
                PropertyID.emailAddress: .string(recipient.address),
            ]
            if let smtp = recipient.smtpAddress { values[PropertyID.smtpAddress] = .string(smtp) }
            if let name = recipient.name, !name.isEmpty { values[PropertyID.displayName] = .string(name) }
            try table.addRow(id: UInt32(row), values)
        }
        let content = try table.write()
        return (NID.recipientTable.rawValue, content.data, try database.writeSubnodes(content.subnodes))
    }

    private static func attachments(
        _ attachments: [AttachmentSpec], nids: inout SubnodeNIDs, _ database: NodeDatabase
    ) throws(NDBError) -> [(nid: UInt32, data: UInt64, sub: UInt64)] {
        guard !attachments.isEmpty else { return [] }
        var subnodes: [(nid: UInt32, data: UInt64, sub: UInt64)] = []
        let table = TableContext(database: database, columns: Columns.attachments)
        for (position, attachment) in attachments.enumerated() {
            let nid = nids.make(.attachment)
            var pc = PropertyContext()
            pc[PropertyID.attachMethod] = .int32(1)                 // afByValue
            pc[PropertyID.attachSize] = .int32(Int32(clamping: attachment.data.count))
            pc[PropertyID.attachFilename] = .string(attachment.filename)
            pc[PropertyID.attachLongFilename] = .string(attachment.filename)
            pc[PropertyID.renderingPosition] = .int32(-1)
            pc[PropertyID.attachDataBinary] = .binary(attachment.data)
            var own = SubnodeNIDs()
            let content = try pc.write(to: database, subnodeNIDs: &own)
            subnodes.append((nid, content.data, try database.writeSubnodes(content.subnodes)))
            try table.addRow(id: nid, [
                PropertyID.attachSize: .int32(Int32(clamping: attachment.data.count)),
                PropertyID.attachFilename: .string(attachment.filename),
                PropertyID.attachMethod: .int32(1),
                PropertyID.renderingPosition: .int32(Int32(position)),
            ])
        }
        let content = try table.write()
        subnodes.append((NID.attachmentTable.rawValue, content.data, try database.writeSubnodes(content.subnodes)))
        return subnodes
    }
}

/// RFC 5322 header lines built from a message's fields, as a client stores them in
/// PidTagTransportMessageHeaders.
enum TransportHeaders {
    static func build(_ message: MessageSpec) -> String {
        func clean(_ text: String) -> String {
            String(text.map { $0.isNewline ? " " : $0 })
        }
        func mailbox(_ name: String?, _ address: String) -> String {
            guard let name, !name.isEmpty else { return "<\(address)>" }
            return "\"\(clean(name).replacingOccurrences(of: "\"", with: "'"))\" <\(address)>"
        }
        var lines: [String] = []
        if let address = message.senderAddress, !address.isEmpty, !ExchangeAddress.isDistinguishedName(address) {
            lines.append("From: " + mailbox(message.senderName, address))
        }
        for (kind, field) in [(RecipientSpec.Kind.to, "To"), (.cc, "Cc")] {
            let list = message.recipients.filter { $0.kind == kind }.compactMap { recipient in
                recipient.smtpAddress.map { mailbox(recipient.name, $0) }
            }
            if !list.isEmpty { lines.append("\(field): " + list.joined(separator: ", ")) }
        }
        if let subject = message.subject { lines.append("Subject: " + clean(subject)) }
        if let date = message.submitTime ?? message.deliveryTime {
            lines.append("Date: " + rfc5322(date, offsetMinutes: message.dateOffsetMinutes))
        }
        if let id = message.messageID { lines.append("Message-ID: " + id) }
        if let parent = message.inReplyTo { lines.append("In-Reply-To: " + parent) }
        if !message.references.isEmpty { lines.append("References: " + message.references.joined(separator: " ")) }
        lines.append("MIME-Version: 1.0")
        lines += message.extraHeaders.map(clean)
        return lines.joined(separator: "\r\n") + "\r\n\r\n"
    }

    /// The local time at `offsetMinutes` from UTC, with that offset: "Mon, 4 Jan 2021 09:15:00 -0800".
    static func rfc5322(_ date: Date, offsetMinutes: Int = 0) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offsetMinutes * 60) ?? TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let magnitude = abs(offsetMinutes)
        return String(format: "%@, %d %@ %04d %02d:%02d:%02d %@%02d%02d", days[c.weekday! - 1], c.day!,
                      months[c.month! - 1], c.year!, c.hour!, c.minute!, c.second!, offsetMinutes < 0 ? "-" : "+",
                      magnitude / 60, magnitude % 60)
    }
}

/// Exchange's own addresses: X.500 distinguished names ("/o=Org/ou=…/cn=Recipients/cn=ann").
enum ExchangeAddress {
    static func isDistinguishedName(_ address: String) -> Bool {
        address.utf8.starts(with: "/o=".utf8) || address.utf8.starts(with: "/O=".utf8)
    }
}
