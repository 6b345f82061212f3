/// The kinds of synthetic mailbox `pstscope synth --scenario NAME` can make.
public enum Scenario: String, CaseIterable, Sendable {
    /// One custodian, 2021–2023, weekday rhythm and holidays, nothing missing.
    case steady
    /// `steady` with injected gaps (no mail at all) of 3 to 30 business days, two weeks whose
    /// incoming mail is lost while the owner's is kept, and a three-week leave.
    case gappy
    /// One custodian over three PSTs whose date ranges overlap, plus four weeks no PST covers.
    case multi
    /// Hostile text everywhere (markup, scripts, formula prefixes, RTL, emoji, very long and
    /// empty values) and some undated messages.
    case hostile
    /// Many messages over ten years, for benchmarks; generated and recorded as a stream.
    case large

    /// The name used on the command line.
    public var name: String { rawValue }

    public init?(name: String) { self.init(rawValue: name.lowercased()) }

    /// Messages made when `--messages` is not given.
    public var defaultMessageCount: Int {
        switch self {
        case .steady, .gappy, .multi: 3_000
        case .hostile: 600
        case .large: 100_000
        }
    }

    /// One line for help text.
    public var summary: String {
        switch self {
        case .steady: "one custodian, 3 years, weekday rhythm and holidays, no gaps"
        case .gappy: "like steady, with injected gaps (3-30 business days), lost incoming mail and a 3-week leave"
        case .multi: "one custodian over 3 overlapping PSTs, with duplicates and an uncovered month"
        case .hostile: "hostile subjects, names and bodies; empty values; undated messages"
        case .large: "N messages over 10 years for benchmarks (streamed)"
        }
    }
}

/// How a synthetic mailbox files its mail.
public enum FolderLayout: String, CaseIterable, Sendable {
    /// The scenario's own folders: Inbox, Sent Items, Deleted Items, a project folder, receipts
    /// and, in `large`, monthly archive folders for all but the last month.
    case folders
    /// All mail in Inbox and Sent Items, as most real mailboxes keep it: large folders.
    case flat
}
