import MailModel
import Store

/// One mailbox's evidence of its owner's time zone, gathered in one pass over the store.
struct ZoneTally: Sendable {
    struct HeaderKey: Hashable, Sendable {
        var minutes: Int16
        /// Unix hour of the message: a zone's offset is judged at that time, so daylight
        /// saving time counts.
        var hour: Int32
    }

    /// Date: header offsets of the owner's own mail and of colleagues at the owner's domain.
    var headers: [HeaderKey: Int32] = [:]
    var ownerHeaders = 0
    var colleagueHeaders = 0
    /// The owner's dated mail by Unix quarter hour.
    var ownerSent: [Int32: Int32] = [:]
    var ownerSentCount = 0
    var years = YearSpan()

    var headerCount: Int { ownerHeaders + colleagueHeaders }

    mutating func add(_ facts: ZoneFacts, fromOwner: Bool, fromColleague: Bool) {
        guard fromOwner || fromColleague else { return }
        years.include(facts.sentAt)
        if fromOwner {
            ownerSent[Int32(truncatingIfNeeded: facts.sentAt.quotientAndRemainder(dividingBy: 900).quotient), default: 0] += 1
            ownerSentCount += 1
        }
        guard let offset = facts.dateOffset else { return }
        if fromOwner { ownerHeaders += 1 } else { colleagueHeaders += 1 }
        let hour = Int32(truncatingIfNeeded: facts.sentAt.quotientAndRemainder(dividingBy: 3600).quotient)
        headers[HeaderKey(minutes: Int16(offset.minutes), hour: hour), default: 0] += 1
    }
}
