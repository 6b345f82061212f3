/// MAPI property identifiers read by pstscope ([MS-OXPROPS]; [MS-PST] 2.4.5 names the
/// message-store ones). Only the tag part; the value type is matched by libpff.
enum PropertyTag: UInt32 {
    case messageClass = 0x001A              // PidTagMessageClass
    case subject = 0x0037                   // PidTagSubject
    case clientSubmitTime = 0x0039          // PidTagClientSubmitTime
    case sentRepresentingName = 0x0042      // PidTagSentRepresentingName
    case sentRepresentingAddress = 0x0065   // PidTagSentRepresentingEmailAddress
    case conversationIndex = 0x0071         // PidTagConversationIndex
    case transportHeaders = 0x007D          // PidTagTransportMessageHeaders
    case recipientType = 0x0C15             // PidTagRecipientType
    case senderName = 0x0C1A                // PidTagSenderName
    case senderAddressType = 0x0C1E         // PidTagSenderAddressType
    case senderAddress = 0x0C1F             // PidTagSenderEmailAddress
    case deliveryTime = 0x0E06              // PidTagMessageDeliveryTime
    case messageSize = 0x0E08               // PidTagMessageSize
    case internetMessageID = 0x1035         // PidTagInternetMessageId
    case internetReferences = 0x1039        // PidTagInternetReferences
    case inReplyTo = 0x1042                 // PidTagInReplyToId
    case displayName = 0x3001               // PidTagDisplayName
    case addressType = 0x3002               // PidTagAddressType
    case emailAddress = 0x3003              // PidTagEmailAddress
    case sentMailEntryID = 0x35E4           // PidTagIpmSentMailEntryId
    case contentCount = 0x3602              // PidTagContentCount
    case smtpAddress = 0x39FE               // PidTagSmtpAddress
    case senderSMTPAddress = 0x5D01         // PidTagSenderSmtpAddress
    case sentRepresentingSMTPAddress = 0x5D02  // PidTagSentRepresentingSmtpAddress
}
