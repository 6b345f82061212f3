/// Property identifiers the writer sets ([MS-OXPROPS]; [MS-PST] 2.4 lists the ones a PST needs).
enum PropertyID {
    static let nameidBucketCount: UInt16 = 0x0001
    static let nameidStreamGuid: UInt16 = 0x0002
    static let nameidStreamEntry: UInt16 = 0x0003
    static let nameidStreamString: UInt16 = 0x0004
    static let importance: UInt16 = 0x0017
    static let messageClass: UInt16 = 0x001A
    static let subject: UInt16 = 0x0037
    static let clientSubmitTime: UInt16 = 0x0039
    static let sentRepresentingName: UInt16 = 0x0042
    static let sentRepresentingAddressType: UInt16 = 0x0064
    static let sentRepresentingEmailAddress: UInt16 = 0x0065
    static let conversationTopic: UInt16 = 0x0070
    static let conversationIndex: UInt16 = 0x0071
    static let transportMessageHeaders: UInt16 = 0x007D
    static let recipientType: UInt16 = 0x0C15
    static let senderName: UInt16 = 0x0C1A
    static let senderAddressType: UInt16 = 0x0C1E
    static let senderEmailAddress: UInt16 = 0x0C1F
    static let displayBcc: UInt16 = 0x0E02
    static let displayCc: UInt16 = 0x0E03
    static let displayTo: UInt16 = 0x0E04
    static let messageDeliveryTime: UInt16 = 0x0E06
    static let messageFlags: UInt16 = 0x0E07
    static let messageSize: UInt16 = 0x0E08
    static let hasAttachments: UInt16 = 0x0E1B
    static let attachSize: UInt16 = 0x0E20
    static let recordKey: UInt16 = 0x0FF9
    static let objectType: UInt16 = 0x0FFE
    static let body: UInt16 = 0x1000
    static let internetMessageID: UInt16 = 0x1035
    static let internetReferences: UInt16 = 0x1039
    static let inReplyTo: UInt16 = 0x1042
    static let rowID: UInt16 = 0x3000
    static let displayName: UInt16 = 0x3001
    static let addressType: UInt16 = 0x3002
    static let emailAddress: UInt16 = 0x3003
    static let creationTime: UInt16 = 0x3007
    static let lastModificationTime: UInt16 = 0x3008
    static let validFolderMask: UInt16 = 0x35DF
    static let ipmSubtreeEntryID: UInt16 = 0x35E0
    static let ipmWastebasketEntryID: UInt16 = 0x35E3
    static let ipmSentMailEntryID: UInt16 = 0x35E4
    static let finderEntryID: UInt16 = 0x35E7
    static let contentCount: UInt16 = 0x3602
    static let contentUnreadCount: UInt16 = 0x3603
    static let subfolders: UInt16 = 0x360A
    static let containerClass: UInt16 = 0x3613
    static let attachDataBinary: UInt16 = 0x3701
    static let attachFilename: UInt16 = 0x3704
    static let attachMethod: UInt16 = 0x3705
    static let attachLongFilename: UInt16 = 0x3707
    static let renderingPosition: UInt16 = 0x370B
    static let displayType: UInt16 = 0x3900
    static let smtpAddress: UInt16 = 0x39FE
    static let senderSMTPAddress: UInt16 = 0x5D01
    static let sentRepresentingSMTPAddress: UInt16 = 0x5D02
}

/// Column sets of the tables the writer makes: (id, type, cell size).
enum Columns {
    static let hierarchy: [(id: UInt16, type: UInt16, size: Int)] = [
        (PropertyID.displayName, 0x001F, 4), (PropertyID.contentCount, 0x0003, 4),
        (PropertyID.contentUnreadCount, 0x0003, 4), (PropertyID.subfolders, 0x000B, 1),
        (PropertyID.containerClass, 0x001F, 4),
    ]
    /// Fixed-size cells only: a contents table of any length streams without a growing heap.
    static let contents: [(id: UInt16, type: UInt16, size: Int)] = [
        (PropertyID.importance, 0x0003, 4), (PropertyID.clientSubmitTime, 0x0040, 8),
        (PropertyID.messageDeliveryTime, 0x0040, 8), (PropertyID.messageFlags, 0x0003, 4),
        (PropertyID.messageSize, 0x0003, 4), (PropertyID.hasAttachments, 0x000B, 1),
    ]
    static let recipients: [(id: UInt16, type: UInt16, size: Int)] = [
        (PropertyID.recipientType, 0x0003, 4), (PropertyID.objectType, 0x0003, 4), (PropertyID.rowID, 0x0003, 4),
        (PropertyID.displayName, 0x001F, 4), (PropertyID.addressType, 0x001F, 4),
        (PropertyID.emailAddress, 0x001F, 4), (PropertyID.displayType, 0x0003, 4),
        (PropertyID.smtpAddress, 0x001F, 4),
    ]
    static let attachments: [(id: UInt16, type: UInt16, size: Int)] = [
        (PropertyID.attachSize, 0x0003, 4), (PropertyID.attachFilename, 0x001F, 4),
        (PropertyID.attachMethod, 0x0003, 4), (PropertyID.renderingPosition, 0x0003, 4),
    ]
}
