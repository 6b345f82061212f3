import MailModel
import PSTWriter

/// A message planned for a moment, before it is known whether it survives into the mailbox.
/// A final class, so the scheduling heap moves references rather than large values.
final class Draft {
    enum Origin { case inbound, oneOff, automated, monthly, ownerNew, ownerReply, correspondentReply }

    /// The parent of a reply, as far as the reply needs to know it.
    struct Parent {
        var messageID: String
        var submit: Int64
        /// Whether the parent is in the mailbox (it may have been lost in a gap).
        var present: Bool
        var sender: Person
        /// The injected gap the parent was lost in, if it was.
        var lostIn: ClosedRange<Day>?
    }

    let number: Int
    let origin: Origin
    let submit: Int64
    let delivery: Int64
    let sender: Person
    var to: [Person]
    var cc: [Person] = []
    var bcc: [Person] = []
    var subject: String?
    /// The subject a reply answers to, without any "RE: ".
    var threadSubject: String?
    let messageID: String
    var parent: Parent?
    var references: [String] = []
    var conversationIndex: [UInt8]
    /// Submit time of the thread's first message: the base of conversation-index deltas.
    var threadStart: Int64
    var depth = 0
    var folder: FolderRole
    var undated = false
    var hostileBody: Hostile.Kind?
    /// Whether it falls on a day whose mail the mailbox keeps (not in a gap, covered by a file).
    var inMailbox = false

    init(number: Int, origin: Origin, submit: Int64, delivery: Int64, sender: Person, to: [Person],
         messageID: String, conversationIndex: [UInt8], threadStart: Int64, folder: FolderRole) {
        self.number = number
        self.origin = origin
        self.submit = submit
        self.delivery = delivery
        self.sender = sender
        self.to = to
        self.messageID = messageID
        self.conversationIndex = conversationIndex
        self.threadStart = threadStart
        self.folder = folder
    }

    var isAutomated: Bool { sender.isAutomated }
    var isFromOwner: Bool { origin == .ownerNew || origin == .ownerReply }

    /// Everyone addressed, each once, in to, cc, bcc order.
    var recipients: [(RecipientSpec.Kind, Person)] {
        to.map { (.to, $0) } + cc.map { (.cc, $0) } + bcc.map { (.bcc, $0) }
    }
}

/// Removes repeated addresses (first one wins) and anyone in `excluding`.
func distinct(_ people: [Person], excluding: Set<String> = []) -> [Person] {
    var seen = excluding
    return people.filter { seen.insert($0.address).inserted }
}
