/// The few RFC 5322 header fields pstscope needs from PidTagTransportMessageHeaders.
struct TransportHeaders: Equatable {
    var from: String?
    var messageID: String?
    var inReplyTo: String?
    var references: [String] = []
    /// List or machine mail by its own account: List-Unsubscribe or List-Id, Precedence bulk,
    /// list or junk, or Auto-Submitted other than "no" (RFC 2369, 2919, 3834).
    var bulk = false

    /// Parses the header section (up to the first empty line); folded lines are unfolded.
    /// The first occurrence of a field wins.
    init(_ text: String) {
        var fields: [(name: String, value: String)] = []
        // "\r\n" is one Character in Swift, and a newline.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if line.isEmpty { break }
            if line.first == " " || line.first == "\t" {
                if !fields.isEmpty { fields[fields.count - 1].value += " " + line.trimmingWhitespace() }
            } else if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].lowercased()
                fields.append((name, line[line.index(after: colon)...].trimmingWhitespace()))
            }
        }
        func first(_ name: String) -> String? {
            fields.first { $0.name == name }.map(\.value).flatMap { $0.isEmpty ? nil : $0 }
        }
        from = first("from").flatMap(Self.address)
        messageID = first("message-id").flatMap { Self.messageIDs($0).first }
        inReplyTo = first("in-reply-to").flatMap { Self.messageIDs($0).first }
        references = first("references").map(Self.messageIDs) ?? []
        let precedence = first("precedence")?.lowercased()
        let autoSubmitted = first("auto-submitted")?.lowercased()
        bulk = first("list-unsubscribe") != nil || first("list-id") != nil
            || ["bulk", "list", "junk"].contains(precedence ?? "")
            || (autoSubmitted.map { !$0.hasPrefix("no") } ?? false)
    }

    /// The address of a From: value: inside angle brackets, else the first token with "@".
    static func address(_ value: String) -> String? {
        if let open = value.lastIndex(of: "<"),
           let close = value[open...].firstIndex(of: ">") {
            let inner = value[value.index(after: open)..<close].trimmingWhitespace()
            return inner.contains("@") ? inner : nil
        }
        return value.split(whereSeparator: { $0 == " " || $0 == "," })
            .map { $0.stripping("\"'()") }
            .first { $0.contains("@") }
    }

    /// `<id>` tokens of a Message-ID, In-Reply-To or References value, brackets kept.
    static func messageIDs(_ value: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            ids.append(String(rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        if ids.isEmpty {
            // Some clients omit the brackets: take whitespace-separated tokens as they are.
            ids = value.split(whereSeparator: \.isWhitespace).map(String.init)
        }
        return ids
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    func stripping(_ set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
