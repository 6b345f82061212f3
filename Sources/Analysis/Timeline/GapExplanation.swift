import Foundation
import Workdays
import MailModel

/// What the store says about a gap, as stored (JSON) and shown.
struct GapEvidence: Codable, Sendable {
    struct MissingMessage: Codable, Sendable {
        var missingMessageID: String
        var estimatedDate: String
        var replyMessageID: String?
        var replyDate: String?

        enum CodingKeys: String, CodingKey {
            case missingMessageID = "missing_message_id", estimatedDate = "estimated_date"
            case replyMessageID = "reply_message_id", replyDate = "reply_date"
        }
    }

    struct CoveringFile: Codable, Sendable {
        var path: String
        var from: String
        var to: String
    }

    struct Range: Codable, Sendable {
        var from: String
        var to: String
    }

    /// Replies in the store whose parent is absent and, by the reply's conversation index,
    /// was written inside the gap (at most `examplesKept` listed).
    var missingRepliedTo: Int
    var missingRepliedToExamples: [MissingMessage]
    var coveringFiles: [CoveringFile]
    var coverage: String
    var uncoveredRanges: [Range]
    /// For a contact's gap: the mailbox's own mail on those days, and how much the owner sent.
    var mailboxMessages: Int?
    var ownerSent: Int?
    /// For a contact's gap inside a mailbox gap: that gap.
    var mailboxGap: Range?

    static let examplesKept = 10

    enum CodingKeys: String, CodingKey {
        case missingRepliedTo = "missing_replied_to", missingRepliedToExamples = "missing_replied_to_examples"
        case coveringFiles = "covering_files", coverage, uncoveredRanges = "uncovered_ranges"
        case mailboxMessages = "mailbox_messages", ownerSent = "owner_sent", mailboxGap = "mailbox_gap"
    }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

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
        if contact != nil {
            return "\(custodian) sent no mail at all on these dates while incoming mail kept arriving, and no reply "
                + "points into the gap: likely leave. No missing mail is indicated."
        }
        return "\(allFiles(count)) that cover\(count == 1 ? "s" : "") these dates \(count == 1 ? "is" : "are") silent and no reply "
            + "points into the gap: likely leave. Confirm with \(custodian) or HR before searching further."
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
