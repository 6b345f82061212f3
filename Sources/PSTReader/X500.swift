/// Exchange X.500 distinguished names and the per-file map that resolves them to SMTP.
public enum X500 {
    public static func isDistinguishedName(_ address: String) -> Bool {
        address.first == "/" && address.lowercased().hasPrefix("/o=")
    }
}

/// X.500 → SMTP, learned from recipient rows that carry both (PidTagEmailAddress and
/// PidTagSmtpAddress). Keys are lower-cased: Exchange writes the same DN in both cases.
public struct X500Map: Sendable, Equatable {
    public private(set) var smtpByDN: [String: String] = [:]

    public init() {}

    public mutating func learn(distinguishedName: String, smtp: String) {
        guard X500.isDistinguishedName(distinguishedName), smtp.utf8.contains(UInt8(ascii: "@")) else { return }
        smtpByDN[distinguishedName.lowercased()] = smtp
    }

    public func smtp(for distinguishedName: String) -> String? {
        smtpByDN[distinguishedName.lowercased()]
    }

    public var isEmpty: Bool { smtpByDN.isEmpty }
}
