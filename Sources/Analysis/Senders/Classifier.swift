import Foundation
import MailModel

/// What kind of correspondent an address is, with a confidence from 0 to 1 and the signals
/// behind it.
///
/// Automated or bulk when the evidence adds up (independent signals combine as
/// 1 - Π(1 - s)): list or machine headers on most of its mail (0.95), a noreply-style address
/// (0.7), steady mail that is never answered nor written to (0.6, from 5 messages). Otherwise:
/// one-off for at most two messages in all; internal when it shares a domain with the owner;
/// external correspondent otherwise, more certain the more mail there is.
enum Classifier {
    struct Result {
        var classification: SenderClass
        var confidence: Double
        var signals: SenderSignals
    }

    static let automatedThreshold = 0.6

    static func classify(_ contact: ContactTally, address: String, ownerDomains: Set<String>) -> Result {
        var signals = SenderSignals()
        if contact.sentToOwner > 0, Double(contact.bulkFromContact) >= 0.5 * Double(contact.sentToOwner) {
            signals.bulkHeaders = 0.95
        }
        if isNoReplyStyle(address) { signals.noreplyAddress = 0.7 }
        if contact.sentToOwner >= 5, contact.receivedFromOwner == 0, contact.ownerReplies.isEmpty {
            signals.unansweredVolume = 0.6
        }
        let automated = 1 - signals.seen.reduce(1) { $0 * (1 - $1) }
        if automated >= automatedThreshold {
            return Result(classification: .automated, confidence: automated.rounded(toPlaces: 2), signals: signals)
        }
        let total = contact.sentToOwner + contact.receivedFromOwner
        if total <= 2 {
            return Result(classification: .oneOff, confidence: total == 1 ? 0.9 : 0.7, signals: signals)
        }
        let volume = min(1, Double(total) / 20)
        if let domain = domain(address), ownerDomains.contains(domain) {
            return Result(classification: .internal, confidence: (0.7 + 0.3 * volume).rounded(toPlaces: 2), signals: signals)
        }
        return Result(classification: .external, confidence: (0.5 + 0.45 * volume).rounded(toPlaces: 2), signals: signals)
    }

    /// Built once: a regex literal in a computed property is parsed again on every use.
    nonisolated(unsafe) static let noReplyPattern: Regex<(Substring, Substring, Substring?)> = /^(no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply|mailer[-_.]?daemon|postmaster|notifications?|alerts?|bounces?|newsletters?|news|updates|billing|receipts?|automated|system|digest)([-_.+].*)?$/

    static func isNoReplyStyle(_ address: String) -> Bool {
        guard let local = AddressParts.split(address).first else { return false }
        return local.lowercased().wholeMatch(of: noReplyPattern) != nil
    }

    static func domain(_ address: String) -> String? {
        let parts = AddressParts.split(address)
        return parts.count == 2 ? String(parts[1]) : nil
    }

}

/// The importance score, 0 to 10:
/// 10 × (0.4 volume + 0.25 reciprocity + 0.2 recency + 0.15 engagement), where volume is
/// log(1 + mail) / log(1 + the mailbox's largest), reciprocity min(sent, received) /
/// max(sent, received), recency exp(-days since the last message / 180) measured from the
/// mailbox's last message, and engagement the share of their mail that got an answer either
/// way. Automated senders keep a third of their score.
enum Importance {
    static func score(total: Int, maximumTotal: Int, reciprocity: Double, recencyDays: Int?, answered: Int,
                      automated: Bool) -> Double {
        let volume = maximumTotal > 0 ? log1p(Double(total)) / log1p(Double(maximumTotal)) : 0
        let recency = recencyDays.map { exp(-Double($0) / 180) } ?? 0
        let engagement = total > 0 ? min(1, Double(answered) / Double(total)) : 0
        var score = 10 * (0.4 * volume + 0.25 * reciprocity + 0.2 * recency + 0.15 * engagement)
        if automated { score /= 3 }
        return score.rounded(toPlaces: 2)
    }
}
