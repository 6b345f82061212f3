/// How serious a gap is, from the mail it should have held and the business days it spans.
/// The store keeps both the name and the rank (for ordering in SQL); JSON and the store's
/// records carry the name.
public enum Severity: Int, Comparable, CaseIterable, Sendable, CustomStringConvertible, Codable {
    case minor = 1, moderate, major, critical

    public init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.description == name.lowercased() }) else { return nil }
        self = match
    }

    public var description: String {
        switch self {
        case .minor: "minor"
        case .moderate: "moderate"
        case .major: "major"
        case .critical: "critical"
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let severity = Severity(name: name) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "no severity \(name)"))
        }
        self = severity
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Why a gap is likely there.
public enum GapContext: String, Sendable, Codable, CaseIterable {
    /// One quiet business day beside days off.
    case weekend
    /// One or two quiet business days beside public holidays (bridge days).
    case holiday
    /// The owner sent nothing while mail kept arriving, or nothing was expected to arrive.
    case likelyLeave = "likely_leave"
    /// The rest of the mailbox is normal; only this correspondent is silent.
    case quietCorrespondent = "quiet_correspondent"
    /// Mail is probably missing: no file covers the dates, replies point into the gap, or even
    /// incoming mail stopped.
    case suspicious

    /// As tables and sentences show it: "likely leave".
    public var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}
