import MailModel

/// The few RFC 5322 header fields pstscope needs from PidTagTransportMessageHeaders.
/// Addresses and Message-IDs are parsed from their fields only when asked for: most items carry
/// the same facts as properties, which win.
public struct TransportHeaders: Equatable, Sendable {
    /// The fields' values as they stand, unfolded and trimmed.
    var fromField: String?
    var messageIDField: String?
    var inReplyToField: String?
    var referencesField: String?
    var dateField: String?
    /// List or machine mail by its own account: List-Unsubscribe or List-Id, Precedence bulk,
    /// list or junk, or Auto-Submitted other than "no" (RFC 2369, 2919, 3834).
    public var bulk = false

    public var from: String? { fromField.flatMap(Self.address) }
    public var messageID: String? { messageIDField.flatMap { Self.messageIDs($0).first } }
    public var inReplyTo: String? { inReplyToField.flatMap { Self.messageIDs($0).first } }
    public var references: [String] { referencesField.map(Self.messageIDs) ?? [] }
    /// The writer's UTC offset, from the zone of the Date: field.
    public var dateOffset: UTCOffset? { dateField.flatMap(Self.offset) }

    /// The fields read; every other field is skipped without copying.
    private enum Field: Int, CaseIterable {
        case from, messageID, inReplyTo, references, precedence, autoSubmitted, listUnsubscribe, listID, date

        /// Lower-cased names, in case order.
        private static let names = ["from", "message-id", "in-reply-to", "references", "precedence", "auto-submitted",
                                    "list-unsubscribe", "list-id", "date"].map { Array($0.utf8) }

        /// The field a header name (any case) is, by comparing bytes: most names are not wanted,
        /// and a length check turns them away without hashing or allocating.
        static func named(_ name: some Collection<UInt8>) -> Field? {
            names.firstIndex { bytes in
                bytes.count == name.count && zip(bytes, name).allSatisfy { $0 == ($1 >= 0x41 && $1 <= 0x5A ? $1 | 0x20 : $1) }
            }.flatMap(Field.init(rawValue:))
        }
    }

    /// Parses the header section (up to the first empty line); folded lines are unfolded.
    /// The first occurrence of a field wins. Works on the UTF-8 bytes: a message's headers
    /// run to kilobytes, and only a few short values are kept.
    public init(_ text: String) {
        var values = [String?](repeating: nil, count: Field.allCases.count)
        var text = text
        text.withUTF8 { bytes in
            var current: Field? = nil
            var value: [UInt8] = []
            func close() {
                if let field = current, values[field.rawValue] == nil { values[field.rawValue] = String(decoding: Self.trimmed(value), as: UTF8.self) }
                current = nil
            }
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
                let line = bytes[start..<end]
                // CRLF, LF or a lone CR ends a line.
                start = end < bytes.count && bytes[end] == 0x0D && end + 1 < bytes.count && bytes[end + 1] == 0x0A ? end + 2 : end + 1
                if line.isEmpty { break }
                if line.first == 0x20 || line.first == 0x09 {
                    if current != nil {
                        value.append(0x20)
                        value.append(contentsOf: Self.trimmed(line))
                    }
                    continue
                }
                close()
                guard let colon = line.firstIndex(of: 0x3A) else { continue }
                guard let field = Field.named(line[line.startIndex..<colon]), values[field.rawValue] == nil else { continue }
                current = field
                value = Self.trimmed(line[(colon + 1)...])
            }
            close()
        }
        func first(_ field: Field) -> String? {
            values[field.rawValue].flatMap { $0.isEmpty ? nil : $0 }
        }
        fromField = first(.from)
        messageIDField = first(.messageID)
        inReplyToField = first(.inReplyTo)
        referencesField = first(.references)
        dateField = first(.date)
        let precedence = first(.precedence)?.lowercased()
        let autoSubmitted = first(.autoSubmitted)?.lowercased()
        bulk = first(.listUnsubscribe) != nil || first(.listID) != nil
            || ["bulk", "list", "junk"].contains(precedence ?? "")
            || (autoSubmitted.map { !$0.hasPrefix("no") } ?? false)
    }

    /// The bytes without leading and trailing spaces and tabs.
    private static func trimmed(_ bytes: some BidirectionalCollection<UInt8>) -> [UInt8] {
        let isBlank = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) })
        else { return [] }
        return Array(bytes[first...last])
    }

    /// The address of a From: value: inside angle brackets, else the first token with "@".
    static func address(_ value: String) -> String? {
        let utf8 = value.utf8
        let at = UInt8(ascii: "@")
        if let open = utf8.lastIndex(of: UInt8(ascii: "<")), let close = utf8[open...].firstIndex(of: UInt8(ascii: ">")) {
            let inner = trimmed(utf8[utf8.index(after: open)..<close])
            return inner.contains(at) ? String(decoding: inner, as: UTF8.self) : nil
        }
        let quotes: [UInt8] = Array("\"'()".utf8)
        for token in utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x2C }) where token.contains(at) {
            guard let first = token.firstIndex(where: { !quotes.contains($0) }),
                  let last = token.lastIndex(where: { !quotes.contains($0) }) else { continue }
            return String(decoding: token[first...last], as: UTF8.self)
        }
        return nil
    }

    /// The zone of a Date: value (RFC 5322 3.3): "+hhmm" or "-hhmm", or one of the obsolete names
    /// (UT, GMT, Z and the US zones). Comments such as "(PST)" are skipped. "-0000" says the
    /// local zone is unknown, and gives nil. On the UTF-8 bytes, from the end: every message
    /// has a Date:, and the zone is its last token.
    static func offset(_ value: String) -> UTCOffset? {
        var value = value
        return value.withUTF8 { bytes in
            let isBlank = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
            var end = bytes.count
            while true {
                while end > 0, isBlank(bytes[end - 1]) { end -= 1 }
                var start = end
                while start > 0, !isBlank(bytes[start - 1]) { start -= 1 }
                guard start < end else { return nil }
                let token = bytes[start..<end]
                if token.first != UInt8(ascii: "("), token.last != UInt8(ascii: ")") { return zoneOffset(token) }
                end = start
            }
        }
    }

    /// The obsolete zone names RFC 5322 4.3 still accepts, upper-case, and their offsets in minutes.
    private static let zoneNames: [(name: [UInt8], minutes: Int)] = [
        ("UT", 0), ("GMT", 0), ("Z", 0), ("EST", -300), ("EDT", -240), ("CST", -360), ("CDT", -300),
        ("MST", -420), ("MDT", -360), ("PST", -480), ("PDT", -420),
    ].map { (Array($0.0.utf8), $0.1) }

    private static func zoneOffset(_ token: Slice<UnsafeBufferPointer<UInt8>>) -> UTCOffset? {
        let upper = { (byte: UInt8) in byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte }
        if let named = zoneNames.first(where: { $0.name.count == token.count && zip($0.name, token).allSatisfy { $0 == upper($1) } }) {
            return UTCOffset(minutes: named.minutes)
        }
        guard token.count == 5, let sign = token.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
              token.dropFirst().allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let digit = { (position: Int) in Int(token[token.startIndex + position] - 0x30) }
        let hours = digit(1) * 10 + digit(2), minutes = digit(3) * 10 + digit(4)
        guard minutes < 60, hours < 24 else { return nil }
        if sign == UInt8(ascii: "-"), hours == 0, minutes == 0 { return nil }
        return UTCOffset(minutes: (sign == UInt8(ascii: "-") ? -1 : 1) * (hours * 60 + minutes))
    }

    /// `<id>` tokens of a Message-ID, In-Reply-To or References value, brackets kept.
    /// On the UTF-8 bytes: References run to dozens of IDs.
    static func messageIDs(_ value: String) -> [String] {
        var text = value
        var ids = text.withUTF8 { bytes in
            var ids: [String] = []
            var index = 0
            while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")),
                  let close = bytes[open...].firstIndex(of: UInt8(ascii: ">")) {
                ids.append(String(decoding: bytes[open...close], as: UTF8.self))
                index = close + 1
            }
            return ids
        }
        if ids.isEmpty {
            // Some clients omit the brackets: take whitespace-separated tokens as they are.
            ids = value.split(whereSeparator: \.isWhitespace).map(String.init)
        }
        return ids
    }
}
