import MailModel

/// Someone who appears in the mailbox.
struct Person: Sendable {
    enum Role: Sendable {
        case owner, colleague, external, oneOff
        case automated(AutomatedStyle)
    }

    enum AutomatedStyle: Sendable {
        /// Notifications from a system (Auto-Submitted), sent around the clock on workdays.
        case notification
        /// Bulk mail with List-Unsubscribe and Precedence: bulk, sent at a fixed hour.
        case newsletter(hour: Int)
        /// Receipts and statements, filed away by the owner's rules.
        case receipt
    }

    var name: String
    var address: String
    var role: Role
    var hours: WorkingHours
    /// Where they work: their hours are local, and their Date: headers carry this zone's offset.
    var zone: Zone
    /// Chance this person answers the owner's mail.
    var repliesToOwner: Double
    /// Chance the owner answers this person's mail.
    var ownerReplies: Double
    /// Typical working time before this person replies, in seconds.
    var replyMedian: Double
    var extraHeaders: [String] = []
    /// Subjects an automated sender uses; `#` is replaced by a number, `%` by a month.
    var subjects: [String] = []

    var isAutomated: Bool {
        if case .automated = role { return true }
        return false
    }

    var domain: Substring { address[address.index(after: address.firstIndex(of: "@")!)...] }

    var firstName: String { String(Text.firstWord(name)) }

    /// The ground truth's word for this kind of correspondent.
    var classification: String {
        switch role {
        case .owner, .colleague: "internal"
        case .external: "external"
        case .oneOff: "one_off"
        case .automated: "automated"
        }
    }
}
