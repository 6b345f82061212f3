/// Which addresses are one person. The same address under several display names is one
/// contact already (addresses are canonical); two addresses are merged only on strong
/// evidence: the same full name (two words or more, not a role such as "Support Team") and the
/// same mailbox name before the @, at different domains (or an Exchange DN whose last CN is
/// that mailbox name). Different people who share a common name at one provider stay apart.
struct IdentityResolver {
    /// address → display names seen, with counts.
    var names: [String: [String: Int]] = [:]
    /// address → messages seen (as sender or recipient).
    var uses: [String: Int] = [:]

    static let roleWords: Set<String> = [
        "support", "team", "info", "admin", "administrator", "noreply", "no-reply", "notifications", "notification",
        "service", "services", "sales", "help", "helpdesk", "newsletter", "billing", "office", "mailer", "daemon",
        "alerts", "updates", "system", "do", "not", "reply",
    ]

    mutating func saw(_ address: String, name: String?) {
        uses[address, default: 0] += 1
        if let name, !name.isEmpty { names[address, default: [:]][name, default: 0] += 1 }
    }

    /// The display name an address is most often given.
    func name(of address: String) -> String? {
        names[address]?.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }

    /// address → (identity, reason) for every address merged into another.
    func links() -> [String: (identity: String, reason: String)] {
        var groups: [String: [String]] = [:]
        for address in uses.keys {
            guard let name = name(of: address).flatMap(Self.personName), let local = Self.mailboxName(address) else {
                continue
            }
            groups[name + "|" + local, default: []].append(address)
        }
        var links: [String: (identity: String, reason: String)] = [:]
        for (key, members) in groups where members.count > 1 {
            let identity = members.max { (uses[$0] ?? 0, $1) < (uses[$1] ?? 0, $0) }!
            let name = key.split(separator: "|").first.map(String.init) ?? ""
            for member in members where member != identity {
                links[member] = (identity, "same name \"\(name)\" and mailbox name")
            }
        }
        return links
    }

    /// A full personal name, normalised, or nil for a role or a single word.
    static func personName(_ raw: String) -> String? {
        let words = raw.lowercased().split { !$0.isLetter }.map(String.init)
        guard words.count >= 2, !words.contains(where: roleWords.contains) else { return nil }
        return words.joined(separator: " ")
    }

    /// The part before the @, or an Exchange DN's last CN.
    static func mailboxName(_ address: String) -> String? {
        if address.hasPrefix("/o=") || address.hasPrefix("/") {
            return address.components(separatedBy: "/cn=").last.flatMap { $0.isEmpty ? nil : $0 }
        }
        return AddressParts.local(address).map(String.init)
    }
}
