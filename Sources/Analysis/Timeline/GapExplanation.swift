import Foundation
import MailModel

/// Plain-words advice, one per gap, built from the evidence.
enum Recommendation {
    static func uncovered(_ ranges: [ClosedRange<Day>], custodian: String, silentFiles: Int) -> String {
        let dates = ranges.map { "\($0.lowerBound) to \($0.upperBound)" }.joined(separator: ", ")
        let rest = silentFiles == 0 ? "" : "; the \(files(silentFiles)) covering the rest of the gap \(silentFiles == 1 ? "is" : "are") silent"
        return "No imported PST covers \(dates): look for another PST or archive of \(custodian)\(rest)."
    }

    static func repliesPointIn(_ count: Int, range: ClosedRange<Day>, custodian: String, contact: String?) -> String {
        let with = contact.map { " with \($0)" } ?? ""
        let replies = count == 1 ? "1 reply in the store answers a message" : "\(count) replies in the store answer messages"
        return "\(replies)\(with) written between \(range.lowerBound) and \(range.upperBound) that the store does not "
            + "hold: the mail existed. Look for another PST, an archive or the server copy of \(custodian)'s mail "
            + "for these dates."
    }

    static func silentFiles(_ count: Int, expected: Double, custodian: String) -> String {
        "\(allFiles(count)) that cover\(count == 1 ? "s" : "") these dates \(count == 1 ? "is" : "are") silent, even for incoming "
            + "mail, though about \(Int(expected.rounded())) messages were expected and no reply points into the gap: "
            + "mail from these dates was probably deleted or moved before export. Check archives, the server and "
            + "retention policies for \(custodian)."
    }

    static func leave(files count: Int, custodian: String, contact: String?) -> String {
        if contact != nil { return ownerSilent(custodian: custodian) }
        return "\(allFiles(count)) that cover\(count == 1 ? "s" : "") these dates \(count == 1 ? "is" : "are") silent and no reply "
            + "points into the gap: likely leave. Confirm with \(custodian) or HR before searching further."
    }

    static func incomingStopped(_ range: ClosedRange<Day>, ownerSent: Int, expected: Double, custodian: String) -> String {
        "No incoming mail from \(range.lowerBound) to \(range.upperBound), though about \(Int(expected.rounded())) "
            + "messages were expected, while \(custodian) kept sending (\(ownerSent) message\(ownerSent == 1 ? "" : "s")): "
            + "the Inbox of these dates was probably archived, moved by a rule or exported separately. Look for "
            + "another PST or archive of \(custodian)'s incoming mail."
    }

    static func ownerSilent(custodian: String) -> String {
        "\(custodian) sent no mail at all on these dates while incoming mail kept arriving, and no reply "
            + "points into the gap: likely leave. No missing mail is indicated."
    }

    static func sentStopped(_ range: ClosedRange<Day>, replies: Int, received: Int, custodian: String) -> String {
        "\(custodian) sent nothing from \(range.lowerBound) to \(range.upperBound) while \(received) message"
            + "\(received == 1 ? "" : "s") arrived, yet \(replies == 1 ? "1 reply answers a message" : "\(replies) replies answer messages") "
            + "of those dates that the store does not hold: the Sent Items of these dates are probably missing. Look for "
            + "another PST or archive of \(custodian)'s sent mail."
    }

    static func quiet(contact: String) -> String {
        "The mailbox has its usual mail on these dates but none with \(contact), and no reply points into the gap: "
            + "a pause in the correspondence, not missing mail."
    }

    static func holiday(_ names: [String]) -> String {
        "The silence runs over \(names.joined(separator: ", ")): likely a holiday break. No action unless other "
            + "evidence appears."
    }

    static let weekend = "One quiet business day beside days off: no action needed."

    static func insideMailboxGap(_ range: ClosedRange<Day>, _ advice: String) -> String {
        "The whole mailbox is silent too (gap from \(range.lowerBound) to \(range.upperBound)). " + advice
    }

    private static func files(_ count: Int) -> String { count == 1 ? "PST" : "PSTs" }
    private static func allFiles(_ count: Int) -> String { count == 1 ? "The only imported PST" : "All \(count) imported PSTs" }
}
