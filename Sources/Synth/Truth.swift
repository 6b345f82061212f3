import Foundation

/// What a synthetic mailbox really contains: the answers the importer and the analyses are
/// checked against. Written as `FILE.truth.json` with sorted keys; times are ISO 8601 UTC,
/// whole seconds, dates are "YYYY-MM-DD" days of the owner's time zone, and absent values are
/// `null`.
public struct Truth: Codable, Sendable, Equatable {
    public var scenario: String
    public var seed: UInt64
    public var owner: Party
    public var files: [File]
    /// Every message of the mailbox once, in delivery-time order (a message two files share is
    /// listed once, with both file indexes). Mail lost in a gap or an uncovered range is absent.
    public var messages: [Message]
    /// Every correspondent of the owner, by address.
    public var contacts: [Contact]
    /// The address book: IPM.Contact items in each file's Contacts folder.
    public var contactItems: [ContactItem]
    /// Replies whose parent is also in the mailbox.
    public var replyPairs: [ReplyPair]
    /// Injected gaps, leave and uncovered ranges, in date order.
    public var gaps: [Gap]

    enum CodingKeys: String, CodingKey {
        case scenario, seed, owner, files, messages, contacts, gaps
        case replyPairs = "reply_pairs", contactItems = "contact_items"
    }

    /// Reads a truth file.
    public static func load(from path: String) throws -> Truth {
        try JSONDecoder().decode(Truth.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    public struct Party: Codable, Sendable, Equatable {
        public var name: String
        public var address: String
        /// The IANA zone the owner works in.
        public var timezone: String
    }

    public struct File: Codable, Sendable, Equatable {
        public var index: Int
        public var name: String
        /// Dates of the file's first and last dated message (delivery time); null when none.
        public var firstDate: String?
        public var lastDate: String?
        public var messageCount: Int

        enum CodingKeys: String, CodingKey {
            case index, name
            case firstDate = "first_date", lastDate = "last_date", messageCount = "message_count"
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(index, forKey: .index)
            try c.encode(name, forKey: .name)
            try c.encode(firstDate, forKey: .firstDate)
            try c.encode(lastDate, forKey: .lastDate)
            try c.encode(messageCount, forKey: .messageCount)
        }
    }

    public struct Message: Codable, Sendable, Equatable {
        /// Indexes of the files that hold this message.
        public var files: [Int]
        /// "Inbox", "Sent Items", "Deleted Items", or a path under the IPM subtree joined by "/".
        public var folder: String
        public var messageID: String
        public var inReplyTo: String?
        public var references: [String]
        /// PidTagConversationIndex in upper-case hex.
        public var conversationIndex: String?
        public var subject: String?
        public var senderAddress: String?
        public var senderName: String?
        public var recipients: [Recipient]
        public var submitTime: String?
        public var deliveryTime: String?
        public var automated: Bool
        public var attachments: [String]
        /// IPM.Note, or IPM.Schedule.Meeting.Request for the few meeting requests.
        public var messageClass: String
        /// For a reply whose parent was lost in an injected gap: the first day of that gap.
        public var parentLostInGap: String?

        enum CodingKeys: String, CodingKey {
            case files, folder, references, subject, recipients, automated, attachments
            case messageClass = "message_class", parentLostInGap = "parent_lost_in_gap"
            case messageID = "message_id", inReplyTo = "in_reply_to", conversationIndex = "conversation_index"
            case senderAddress = "sender_address", senderName = "sender_name"
            case submitTime = "submit_time", deliveryTime = "delivery_time"
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(files, forKey: .files)
            try c.encode(folder, forKey: .folder)
            try c.encode(messageID, forKey: .messageID)
            try c.encode(inReplyTo, forKey: .inReplyTo)
            try c.encode(references, forKey: .references)
            try c.encode(conversationIndex, forKey: .conversationIndex)
            try c.encode(subject, forKey: .subject)
            try c.encode(senderAddress, forKey: .senderAddress)
            try c.encode(senderName, forKey: .senderName)
            try c.encode(recipients, forKey: .recipients)
            try c.encode(submitTime, forKey: .submitTime)
            try c.encode(deliveryTime, forKey: .deliveryTime)
            try c.encode(automated, forKey: .automated)
            try c.encode(attachments, forKey: .attachments)
            try c.encode(messageClass, forKey: .messageClass)
            try c.encode(parentLostInGap, forKey: .parentLostInGap)
        }
    }

    public struct Recipient: Codable, Sendable, Equatable {
        /// "to", "cc" or "bcc".
        public var kind: String
        public var name: String?
        public var address: String

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(name, forKey: .name)
            try c.encode(address, forKey: .address)
        }
    }

    /// One correspondent. `sentToOwner` counts mailbox messages this address sent (the owner
    /// is always a recipient of those); `receivedFromOwner` counts the owner's messages that
    /// name it as to, cc or bcc. People only copied on someone else's mail are not counted.
    public struct Contact: Codable, Sendable, Equatable {
        public var address: String
        public var name: String
        public var sentToOwner: Int
        public var receivedFromOwner: Int
        /// "internal" (the owner's domain), "external", "automated" or "one_off".
        public var classification: String
        /// The IANA zone the correspondent works in (automated senders keep UTC).
        public var timezone: String

        enum CodingKeys: String, CodingKey {
            case address, name, classification, timezone
            case sentToOwner = "sent_to_owner", receivedFromOwner = "received_from_owner"
        }
    }

    /// An address-book entry: an IPM.Contact item (subject = the person's name, the address in
    /// its body), in every file of the mailbox.
    public struct ContactItem: Codable, Sendable, Equatable {
        public var name: String
        public var address: String
        public var folder: String
    }

    public struct ReplyPair: Codable, Sendable, Equatable {
        public var parentMessageID: String
        public var replyMessageID: String
        /// The replier's address.
        public var replier: String
        /// Reply submit time minus parent submit time.
        public var delaySeconds: Int

        enum CodingKeys: String, CodingKey {
            case replier
            case parentMessageID = "parent_message_id", replyMessageID = "reply_message_id"
            case delaySeconds = "delay_seconds"
        }
    }

    public struct Gap: Codable, Sendable, Equatable {
        public var start: String
        /// Inclusive.
        public var end: String
        /// "gap" (mail missing), "leave" (owner away: automated mail only), "inbound" (incoming
        /// mail missing, the owner's own kept) or "uncovered" (no file covers these dates).
        public var kind: String
        public var businessDays: Int

        enum CodingKeys: String, CodingKey {
            case start, end, kind
            case businessDays = "business_days"
        }
    }
}

/// What a streamed generation returns: the truth without its message and reply lists,
/// which went to the file.
public struct TruthSummary: Sendable, Equatable {
    public var files: [Truth.File]
    public var messageCount: Int
    public var replyPairCount: Int
    public var contactCount: Int
    public var gaps: [Truth.Gap]
}
