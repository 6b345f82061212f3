import MailModel
import Workdays

/// One correspondent's mail with one mailbox owner, as the scan finds it.
struct ContactTally: Sendable {
    struct Reply: Sendable {
        /// When the answer was sent.
        var at: Int64
        var seconds: Int64
        var businessSeconds: Int64
    }

    var sentToOwner = 0
    var receivedFromOwner = 0
    /// Of the mail this contact sent, how much had list or machine headers.
    var bulkFromContact = 0
    var first: Int64?
    var last: Int64?
    /// Messages per month of the owner's local calendar (year × 12 + month - 1).
    var monthly: [Int: Int] = [:]
    /// The owner answering this contact, and this contact answering the owner.
    var ownerReplies: [Reply] = []
    var contactReplies: [Reply] = []

    var total: Int { sentToOwner + receivedFromOwner }

    mutating func count(at date: Int64?, zone: Zone) {
        guard let date else { return }
        first = min(first ?? date, date)
        last = max(last ?? date, date)
        let day = zone.day(containing: date)
        monthly[day.year * 12 + day.month - 1, default: 0] += 1
    }

    mutating func merge(_ other: ContactTally) {
        sentToOwner += other.sentToOwner
        receivedFromOwner += other.receivedFromOwner
        bulkFromContact += other.bulkFromContact
        if let date = other.first { first = min(first ?? date, date) }
        if let date = other.last { last = max(last ?? date, date) }
        monthly.merge(other.monthly, uniquingKeysWith: +)
        ownerReplies += other.ownerReplies
        contactReplies += other.contactReplies
    }
}

/// Who wrote to whom across the whole store: each stored message once, each recipient row a
/// weighted edge from the sender (to 1, cc and bcc 0.5); a sender writing to themself is not
/// an edge.
struct NetworkTally: Sendable {
    static func weight(_ kind: RecipientKind) -> Double { kind == .to ? 1 : 0.5 }

    var edges: [Edge: (weight: Double, messages: Int)] = [:]
    var sent: [Int32: Int] = [:]
    var received: [Int32: Int] = [:]

    struct Edge: Hashable, Sendable {
        var source: Int32
        var target: Int32
    }

    mutating func add(sender: Int32, recipients: [(Int32, RecipientKind)]) {
        sent[sender, default: 0] += 1
        var seen: Set<Int32> = []
        for (recipient, kind) in recipients where recipient != sender {
            edges[Edge(source: sender, target: recipient), default: (0, 0)].weight += Self.weight(kind)
            if seen.insert(recipient).inserted {
                edges[Edge(source: sender, target: recipient), default: (0, 0)].messages += 1
                received[recipient, default: 0] += 1
            }
        }
    }
}
