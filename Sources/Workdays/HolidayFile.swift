import MailModel
/// Reads a plain-text list of extra holidays (company shutdowns, regional days the built-in
/// rules lack): one "YYYY-MM-DD name" a line, "#" comments and blank lines ignored.
public enum HolidayFile {
    /// The name defaults to "Holiday"; a date given twice keeps both names, joined with " / ".
    public static func parse(_ text: String) throws(HolidayFileError) -> [Day: String] {
        var names: [Day: [String]] = [:]
        // Splitting on Character.isNewline keeps "\r\n" whole, so CRLF files count lines right.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (offset, raw) in lines.enumerated() {
            let line = raw.trimmed
            if line.isEmpty || line.hasPrefix("#") { continue }
            let dateEnd = line.index(line.startIndex, offsetBy: 10, limitedBy: line.endIndex) ?? line.endIndex
            let rest = line[dateEnd...]
            guard let day = Day(iso: String(line[..<dateEnd])), rest.first?.isWhitespace ?? true else {
                throw HolidayFileError(line: offset + 1, text: String(line))
            }
            let name = rest.isEmpty ? "Holiday" : String(rest.trimmed)
            if names[day]?.contains(name) != true { names[day, default: []].append(name) }
        }
        return names.mapValues { $0.joined(separator: " / ") }
    }
}

/// A line of a holiday file that is not "YYYY-MM-DD name"; `line` counts from 1.
public struct HolidayFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let text: String

    public init(line: Int, text: String) {
        self.line = line
        self.text = text
    }

    public var description: String { "line \(line): \"\(text)\" is not \"YYYY-MM-DD name\"" }
}

extension StringProtocol {
    /// Whitespace-trimmed without Foundation; `Character.isWhitespace` also covers "\r\n".
    var trimmed: SubSequence {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return self[endIndex...] }
        return self[first...last]
    }
}
