/// Why a gap is believed to be missing mail, or not: what the analysis found, kept with the gap
/// and shown in every report. Stored and written as one JSON object; optional parts are left out.
public struct GapEvidence: Codable, Sendable, Equatable {
    /// A message a reply in the store answers, absent from the store.
    public struct MissingMessage: Codable, Sendable, Equatable {
        public var missingMessageID: String
        public var estimatedDate: String
        public var replyMessageID: String?
        public var replyDate: String?

        public init(missingMessageID: String, estimatedDate: String, replyMessageID: String?, replyDate: String?) {
            self.missingMessageID = missingMessageID
            self.estimatedDate = estimatedDate
            self.replyMessageID = replyMessageID
            self.replyDate = replyDate
        }

        enum CodingKeys: String, CodingKey {
            case missingMessageID = "missing_message_id", estimatedDate = "estimated_date"
            case replyMessageID = "reply_message_id", replyDate = "reply_date"
        }
    }

    /// An imported file with mail on some of the gap's days.
    public struct CoveringFile: Codable, Sendable, Equatable {
        public var path: String
        public var from: String
        public var to: String

        public init(path: String, from: String, to: String) {
            self.path = path
            self.from = from
            self.to = to
        }
    }

    /// Days from one to another, both included.
    public struct Range: Codable, Sendable, Equatable {
        public var from: String
        public var to: String

        public init(from: String, to: String) {
            self.from = from
            self.to = to
        }
    }

    /// How much of the gap the imported files span.
    public enum Coverage: String, Codable, Sendable, CaseIterable {
        /// The imported files span all of it.
        case full
        case partial
        /// No imported file spans any of it.
        case none
    }

    /// Messages absent from the store that replies in it answer, or follow in their thread, and
    /// that, by the reply's conversation index, were written inside the gap; each counted once
    /// (at most `examplesKept` listed).
    public var missingRepliedTo: Int
    public var missingRepliedToExamples: [MissingMessage]
    public var coveringFiles: [CoveringFile]
    public var coverage: Coverage
    public var uncoveredRanges: [Range]
    /// For a contact's gap: the mailbox's own mail on those days, and how much the owner sent.
    public var mailboxMessages: Int?
    public var ownerSent: Int?
    /// For a contact's gap inside a mailbox gap: that gap.
    public var mailboxGap: Range?

    public static let examplesKept = 10

    public init(missingRepliedTo: Int, missingRepliedToExamples: [MissingMessage], coveringFiles: [CoveringFile],
                coverage: Coverage, uncoveredRanges: [Range], mailboxMessages: Int? = nil, ownerSent: Int? = nil,
                mailboxGap: Range? = nil) {
        self.missingRepliedTo = missingRepliedTo
        self.missingRepliedToExamples = missingRepliedToExamples
        self.coveringFiles = coveringFiles
        self.coverage = coverage
        self.uncoveredRanges = uncoveredRanges
        self.mailboxMessages = mailboxMessages
        self.ownerSent = ownerSent
        self.mailboxGap = mailboxGap
    }

    enum CodingKeys: String, CodingKey {
        case missingRepliedTo = "missing_replied_to", missingRepliedToExamples = "missing_replied_to_examples"
        case coveringFiles = "covering_files", coverage, uncoveredRanges = "uncovered_ranges"
        case mailboxMessages = "mailbox_messages", ownerSent = "owner_sent", mailboxGap = "mailbox_gap"
    }
}
