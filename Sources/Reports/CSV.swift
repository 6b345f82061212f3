import Foundation

/// RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote,
/// CR or LF, quotes doubled. Every text may come from a PST, so a field that a spreadsheet
/// would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) gets a leading
/// apostrophe, which spreadsheets show as text and do not evaluate. Numbers are written by
/// the caller as plain digits and are not touched: only `text` fields are neutralised.
public struct CSVTable: Sendable {
    public enum Field: Sendable, ExpressibleByStringLiteral {
        case text(String)
        case number(String)
        case empty

        public init(stringLiteral value: String) { self = .text(value) }

        public static func int(_ value: Int?) -> Field { value.map { .number(String($0)) } ?? .empty }
        public static func double(_ value: Double?, digits: Int = 2) -> Field {
            guard let value, value.isFinite else { return .empty }
            return .number(value.formatted(.number.precision(.fractionLength(digits)).grouping(.never)
                .locale(.init(identifier: "en_US_POSIX"))))
        }
        public static func optional(_ value: String?) -> Field { value.map(Field.text) ?? .empty }
    }

    public var header: [String]
    public var rows: [[Field]] = []

    public init(header: [String]) { self.header = header }

    public mutating func append(_ row: [Field]) {
        precondition(row.count == header.count, "a CSV row has one field per column")
        rows.append(row)
    }

    public var text: String {
        var out = header.map(Self.quoted).joined(separator: ",") + "\r\n"
        for row in rows {
            out += row.map(Self.encode).joined(separator: ",") + "\r\n"
        }
        return out
    }

    static func encode(_ field: Field) -> String {
        switch field {
        case .empty: ""
        case .number(let digits): digits
        case .text(let text): quoted(neutralised(text))
        }
    }

    static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    static func quoted(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
