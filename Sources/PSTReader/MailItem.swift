import Foundation
import MailModel

/// A display name and an address as the PST holds them (not yet canonical).
public struct Address: Sendable, Hashable, Codable {
    public var name: String?
    public var address: String?

    public init(name: String? = nil, address: String? = nil) {
        self.name = name
        self.address = address
    }
}

extension RecipientKind {
    /// PidTagRecipientType: 1 To, 2 Cc, 3 Bcc (the high "responsibility" bits are ignored).
    init?(mapi value: Int) {
        switch value & 0x0F {
        case 1: self = .to
        case 2: self = .cc
        case 3: self = .bcc
        default: return nil
        }
    }
}

public struct Recipient: Sendable, Hashable, Codable {
    public var kind: RecipientKind
    public var name: String?
    public var address: String?

    public init(kind: RecipientKind, name: String?, address: String?) {
        self.kind = kind
        self.name = name
        self.address = address
    }
}

/// One item of a PST folder, as plain values.
public struct MailItem: Sendable {
    /// The item's node identifier, unique within its file.
    public var identifier: UInt32
    /// The node identifier of the folder the item is in.
    public var folderID: UInt32
    public var folderPath: String
    public var kind: ItemKind
    public var messageClass: String?
    /// The subject without Outlook's U+0001 prefix marker.
    public var subject: String?
    public var sender: Address
    public var recipients: [Recipient]
    public var submitTime: Date?
    public var deliveryTime: Date?
    public var messageID: String?
    public var inReplyTo: String?
    public var references: [String]
    public var conversationIndex: [UInt8]?
    public var size: Int?
    public var attachmentCount: Int
    /// The transport headers mark it as list or machine mail.
    public var bulkHeaders: Bool
    /// The writer's UTC offset, from the transport headers' Date: field.
    public var dateOffset: UTCOffset?
    /// Properties libpff failed to read; the item is kept without them.
    public var unreadableProperties: [String]

    public init(
        identifier: UInt32, folderID: UInt32 = 0, folderPath: String, kind: ItemKind, messageClass: String? = nil,
        subject: String? = nil, sender: Address = Address(), recipients: [Recipient] = [],
        submitTime: Date? = nil, deliveryTime: Date? = nil, messageID: String? = nil,
        inReplyTo: String? = nil, references: [String] = [], conversationIndex: [UInt8]? = nil,
        size: Int? = nil, attachmentCount: Int = 0, bulkHeaders: Bool = false, dateOffset: UTCOffset? = nil,
        unreadableProperties: [String] = []
    ) {
        self.identifier = identifier
        self.folderID = folderID
        self.folderPath = folderPath
        self.kind = kind
        self.messageClass = messageClass
        self.subject = subject
        self.sender = sender
        self.recipients = recipients
        self.submitTime = submitTime
        self.deliveryTime = deliveryTime
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.conversationIndex = conversationIndex
        self.size = size
        self.attachmentCount = attachmentCount
        self.bulkHeaders = bulkHeaders
        self.dateOffset = dateOffset
        self.unreadableProperties = unreadableProperties
    }
}

/// An item libpff could not read. The walk records it and goes on.
public struct ItemFailure: Error, Sendable, Equatable {
    /// The node identifier when libpff could give it.
    public var identifier: UInt32?
    public var folderPath: String
    /// The item's position in its folder; -1 when a folder, not an item, could not be read.
    public var index: Int
    public var reason: String
}

/// A folder reached from the root folder.
public struct FolderSummary: Sendable, Equatable {
    public var identifier: UInt32
    /// Names from the root's first child down, joined by "/".
    public var path: String
    /// The number of items (sub messages) the folder lists.
    public var itemCount: Int
    /// The folder the message store names as Sent Items (PidTagIpmSentMailEntryId).
    public var isSentItems: Bool
}

/// What a walk over a file reports, in file order.
public enum ReadEvent: Sendable {
    case folder(FolderSummary)
    case item(MailItem)
    case failure(ItemFailure)
}
