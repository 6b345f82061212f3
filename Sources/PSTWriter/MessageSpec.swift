import Foundation

/// What the writer stores for one message. Plain values: the synthetic-mailbox generator
/// fills them in, the writer turns them into a message object ([MS-PST] 2.4.5).
public struct MessageSpec: Sendable, Equatable {
    public var messageClass: String
    public var subject: String?
    public var senderName: String?
    public var senderAddress: String?
    public var recipients: [RecipientSpec]
    public var submitTime: Date?
    public var deliveryTime: Date?
    public var messageID: String?
    public var inReplyTo: String?
    public var references: [String]
    public var conversationIndex: [UInt8]?
    public var body: String?
    public var attachments: [AttachmentSpec]
    /// Extra RFC 5322 header lines (e.g. "List-Unsubscribe: <…>"), added to the transport
    /// headers the writer builds from the fields above.
    public var extraHeaders: [String]
    /// The sender's UTC offset in minutes, which the Date: header states its time in.
    public var dateOffsetMinutes: Int

    public init(
        messageClass: String = "IPM.Note", subject: String? = nil, senderName: String? = nil,
        senderAddress: String? = nil, recipients: [RecipientSpec] = [], submitTime: Date? = nil,
        deliveryTime: Date? = nil, messageID: String? = nil, inReplyTo: String? = nil, references: [String] = [],
        conversationIndex: [UInt8]? = nil, body: String? = nil, attachments: [AttachmentSpec] = [],
        extraHeaders: [String] = [], dateOffsetMinutes: Int = 0
    ) {
        self.messageClass = messageClass
        self.subject = subject
        self.senderName = senderName
        self.senderAddress = senderAddress
        self.recipients = recipients
        self.submitTime = submitTime
        self.deliveryTime = deliveryTime
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.conversationIndex = conversationIndex
        self.body = body
        self.attachments = attachments
        self.extraHeaders = extraHeaders
        self.dateOffsetMinutes = dateOffsetMinutes
    }
}

public struct RecipientSpec: Sendable, Equatable {
    public enum Kind: Int, Sendable { case to = 1, cc = 2, bcc = 3 }
    public var kind: Kind
    public var name: String?
    /// An SMTP address, or an Exchange DN ("/o=…").
    public var address: String
    /// The SMTP address Outlook keeps beside an Exchange DN (PidTagSmtpAddress); for an SMTP
    /// recipient, the address itself.
    public var smtpAddress: String?

    public init(kind: Kind, name: String?, address: String, smtpAddress: String? = nil) {
        self.kind = kind
        self.name = name
        self.address = address
        self.smtpAddress = smtpAddress ?? (ExchangeAddress.isDistinguishedName(address) ? nil : address)
    }
}

public struct AttachmentSpec: Sendable, Equatable {
    public var filename: String
    public var data: [UInt8]

    public init(filename: String, data: [UInt8]) {
        self.filename = filename
        self.data = data
    }
}

/// The standard folders a mailbox has, plus any others by name.
public enum FolderRole: Sendable, Hashable {
    case inbox, sentItems, deletedItems
    /// A folder under the IPM subtree, by path of names (e.g. ["Projects", "2023"]).
    case other([String])
}
