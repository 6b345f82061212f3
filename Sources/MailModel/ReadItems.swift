import Foundation

/// A message as the reader hands it on: already normalised (canonical addresses, UTC dates,
/// dedup key computed).
public struct IncomingMessage: Sendable, Equatable {
    public var itemID: UInt32
    /// The node id of the folder the item was found in.
    public var folderID: UInt32
    public var dedupKey: String
    public var kind: ItemKind
    public var messageClass: String?
    public var internetMessageID: String?
    public var inReplyTo: String?
    public var references: [String]
    public var conversationIndex: Data?
    public var subject: String?
    public var senderName: String?
    public var senderEmail: String?
    public var sentAt: Int64?
    public var receivedAt: Int64?
    public var size: Int?
    public var attachmentCount: Int
    public var recipients: [IncomingRecipient]
    /// List or machine mail, by its transport headers.
    public var isBulk: Bool
    /// The writer's UTC offset, from the Date: header.
    public var dateOffset: UTCOffset?

    public init(
        itemID: UInt32, folderID: UInt32, dedupKey: String, kind: ItemKind, messageClass: String?,
        internetMessageID: String?, inReplyTo: String?, references: [String], conversationIndex: Data?,
        subject: String?, senderName: String?, senderEmail: String?, sentAt: Int64?, receivedAt: Int64?,
        size: Int?, attachmentCount: Int, recipients: [IncomingRecipient], isBulk: Bool = false,
        dateOffset: UTCOffset? = nil
    ) {
        self.itemID = itemID
        self.folderID = folderID
        self.dedupKey = dedupKey
        self.kind = kind
        self.messageClass = messageClass
        self.internetMessageID = internetMessageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.conversationIndex = conversationIndex
        self.subject = subject
        self.senderName = senderName
        self.senderEmail = senderEmail
        self.sentAt = sentAt
        self.receivedAt = receivedAt
        self.size = size
        self.attachmentCount = attachmentCount
        self.recipients = recipients
        self.isBulk = isBulk
        self.dateOffset = dateOffset
    }
}

public struct IncomingRecipient: Sendable, Equatable {
    public var kind: RecipientKind
    public var name: String?
    public var email: String?

    public init(kind: RecipientKind, name: String?, email: String?) {
        self.kind = kind
        self.name = name
        self.email = email
    }
}

public struct IncomingFolder: Sendable, Equatable {
    public var nodeID: UInt32
    public var path: String
    public var itemCount: Int
    public var isSentItems: Bool

    public init(nodeID: UInt32, path: String, itemCount: Int, isSentItems: Bool) {
        self.nodeID = nodeID
        self.path = path
        self.itemCount = itemCount
        self.isSentItems = isSentItems
    }
}

/// An item that could not be read, a property that could not (the item is kept), or a whole
/// file that could not be imported.
public struct IncomingError: Sendable, Equatable {
    public var itemID: UInt32?
    public var itemIndex: Int?
    public var folderPath: String?
    public var kind: ImportErrorKind
    public var message: String
    /// False for a warning about an item that was imported all the same.
    public var itemFailed: Bool

    public init(
        itemID: UInt32? = nil, itemIndex: Int? = nil, folderPath: String? = nil, kind: ImportErrorKind, message: String,
        itemFailed: Bool = true
    ) {
        self.itemID = itemID
        self.itemIndex = itemIndex
        self.folderPath = folderPath
        self.kind = kind
        self.message = message
        self.itemFailed = itemFailed
    }
}

/// What the reader learns of a source file when it opens it.
public struct SourceFileFacts: Sendable, Equatable {
    public var fingerprint: String
    public var path: String
    public var size: Int64
    public var format: String
    public var contentType: String
    public var encryption: String
    public var displayName: String?

    public init(
        fingerprint: String, path: String, size: Int64, format: String, contentType: String,
        encryption: String, displayName: String?
    ) {
        self.fingerprint = fingerprint
        self.path = path
        self.size = size
        self.format = format
        self.contentType = contentType
        self.encryption = encryption
        self.displayName = displayName
    }
}
