import Foundation
import Ingest
import TOMLKit

/// `pstscope.toml`: settings for long unattended imports, overridden by the command line.
///
///     [import]
///     jobs = 4
///     worker_timeout = 600        # seconds a worker may stay silent
///
///     [monitor]
///     enabled = false             # as --no-monitor
///
///     [alerts]
///     max_memory_mb = 2048        # any key of AlertThresholds.keys
///     command = "notify-team"     # run per alert, the alert as JSON on stdin
///
///     [retention]
///     days = 90                   # batch metrics, alerts and item errors of sessions that
///                                 # ended longer ago go at each import's end; 0 keeps all
public struct ImportConfig: Sendable {
    public var jobs: Int?
    public var workerTimeout: Double?
    public var alertCommand: String?
    /// Whether the run samples resources, keeps batch metrics and raises alerts.
    public var monitor = true
    public var thresholds = AlertThresholds()
    /// Days the operational rows of a finished session are kept; 0 keeps them for ever.
    public var retentionDays = ImportConfig.defaultRetentionDays

    public static let defaultRetentionDays = 90

    /// `path`, else ./pstscope.toml when there is one, else the defaults.
    public init() {}

    /// `path`, else ./pstscope.toml when there is one, else the defaults. The error says, in
    /// one line, which file and what in it.
    public static func load(_ path: String?) throws(ConfigError) -> ImportConfig {
        let file = path ?? "pstscope.toml"
        guard FileManager.default.fileExists(atPath: file) else {
            if let path { throw ConfigError(message: "config file \(path) not found") }
            return ImportConfig()
        }
        do {
            return try parse(String(contentsOfFile: file, encoding: .utf8))
        } catch let error as TOMLParseError {
            throw ConfigError(message: "\(file): \(error.description) at line \(error.source.begin.line)")
        } catch let error as ConfigError {
            throw ConfigError(message: "\(file): \(error.message)")
        } catch {
            throw ConfigError(message: "cannot read \(file): \(error.localizedDescription)")
        }
    }

    public struct ConfigError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public static func parse(_ text: String) throws -> ImportConfig {
        try checkSubset(text)
        let root = try TOMLTable(string: text)
        var config = ImportConfig()
        for key in root.keys where !["import", "monitor", "alerts", "retention"].contains(key) {
            throw ConfigError(message: "unknown section or key \(key) (known: [import], [monitor], [alerts], [retention])")
        }
        if let section = root["import"]?.table {
            for key in section.keys {
                switch key {
                case "jobs":
                    guard let jobs = section[key]?.int, jobs >= 1 else { throw ConfigError(message: "import.jobs must be a whole number, 1 or more") }
                    config.jobs = jobs
                case "worker_timeout":
                    guard let seconds = number(section[key]), seconds > 0 else { throw ConfigError(message: "import.worker_timeout must be a positive number") }
                    config.workerTimeout = seconds
                default:
                    throw ConfigError(message: "unknown key import.\(key) (known: jobs, worker_timeout)")
                }
            }
        }
        if let section = root["monitor"]?.table {
            for key in section.keys {
                guard key == "enabled" else { throw ConfigError(message: "unknown key monitor.\(key) (known: enabled)") }
                guard let enabled = section[key]?.bool else { throw ConfigError(message: "monitor.enabled must be true or false") }
                config.monitor = enabled
            }
        }
        if let section = root["retention"]?.table {
            for key in section.keys {
                guard key == "days" else { throw ConfigError(message: "unknown key retention.\(key) (known: days)") }
                guard let days = section[key]?.int, days >= 0 else {
                    throw ConfigError(message: "retention.days must be a whole number of days, 0 (keep everything) or more")
                }
                config.retentionDays = days
            }
        }
        if let section = root["alerts"]?.table {
            for key in section.keys {
                if key == "command" {
                    guard let command = section[key]?.string else { throw ConfigError(message: "alerts.command must be a string") }
                    config.alertCommand = command
                    continue
                }
                guard let value = number(section[key]) else { throw ConfigError(message: "alerts.\(key) must be a number") }
                do {
                    try config.thresholds.set(key, to: value)
                } catch {
                    throw ConfigError(message: error.description)
                }
            }
        }
        return config
    }

    /// toml++ 3.4, the parser inside TOMLKit, asserts (and so aborts pstscope) on some malformed
    /// TOML: a table header without a key ("[!"), a date-time cut short ("2026-11-22Tx"), and
    /// more. So that no file can crash pstscope, toml++ gets only the part of TOML these settings
    /// need, checked line by line first: blank, a # comment, a [table] header, or key = value
    /// where the value is a decimal number, inf, nan, true, false or a one-line string, then maybe
    /// a comment; keys are bare, dotted or not. Inline tables, arrays, multi-line strings, dates
    /// and quoted keys, which no setting takes, are refused with their line.
    private static func checkSubset(_ text: String) throws(ConfigError) {
        var utf8 = Substring(text).utf8
        if utf8.starts(with: [0xEF, 0xBB, 0xBF]) { utf8 = utf8.dropFirst(3) }  // toml++ skips a byte order mark
        for (index, line) in utf8.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            var scanner = SubsetScanner(line.last == 0x0D ? Array(line.dropLast()) : Array(line))
            guard scanner.line() else {
                throw ConfigError(message: "unsupported TOML at line \(index + 1): pstscope.toml takes [tables] and "
                    + "key = value lines whose value is a number, true, false or a one-line string")
            }
        }
    }

    /// TOML keeps integers and floats apart; a threshold may be written as either.
    private static func number(_ value: (any TOMLValueConvertible)?) -> Double? {
        value?.double ?? value?.int.map(Double.init)
    }
}

/// Reads one line of the TOML subset `ImportConfig.checkSubset` accepts; `line()` says whether
/// the whole line is in it.
private struct SubsetScanner {
    let bytes: [UInt8]
    var at = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var current: UInt8? { at < bytes.count ? bytes[at] : nil }

    mutating func line() -> Bool {
        blanks()
        if current == UInt8(ascii: "[") {
            at += 1
            blanks()
            guard key() else { return false }
            blanks()
            guard take("]") else { return false }
        } else if current != nil && current != UInt8(ascii: "#") {
            guard key() else { return false }
            blanks()
            guard take("=") else { return false }
            blanks()
            guard value() else { return false }
        }
        blanks()
        return end()
    }

    /// The end of the line, or a comment to it without control characters.
    private mutating func end() -> Bool {
        guard take("#") else { return current == nil }
        return bytes[at...].allSatisfy { !Self.isControl($0) }
    }

    /// Bare keys (A-Z a-z 0-9 _ -) joined by dots.
    private mutating func key() -> Bool {
        repeat {
            let start = at
            while let byte = current, Self.isBareKey(byte) { at += 1 }
            guard at > start else { return false }
        } while take(".")
        return true
    }

    private mutating func value() -> Bool {
        switch current {
        case UInt8(ascii: "\""): return basicString()
        case UInt8(ascii: "'"):
            at += 1
            while let byte = current, byte != UInt8(ascii: "'") {
                guard !Self.isControl(byte) else { return false }
                at += 1
            }
            return take("'")
        case UInt8(ascii: "t"): return word("true")
        case UInt8(ascii: "f"): return word("false")
        default: return number()
        }
    }

    private mutating func basicString() -> Bool {
        at += 1
        while let byte = current, byte != UInt8(ascii: "\"") {
            at += 1
            if byte == UInt8(ascii: "\\") {
                guard let escape = current else { return false }
                at += 1
                switch escape {
                case UInt8(ascii: "u"): guard scalar(hexDigits: 4) else { return false }
                case UInt8(ascii: "U"): guard scalar(hexDigits: 8) else { return false }
                default: guard Array("btnfr\"\\".utf8).contains(escape) else { return false }
                }
            } else if Self.isControl(byte) {
                return false
            }
        }
        return take("\"")
    }

    /// `\uXXXX` or `\UXXXXXXXX` naming a Unicode scalar (no surrogate).
    private mutating func scalar(hexDigits count: Int) -> Bool {
        guard at + count <= bytes.count else { return false }
        var value: UInt32 = 0
        for byte in bytes[at..<(at + count)] {
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return false }
            value = value << 4 | UInt32(digit)
        }
        guard Unicode.Scalar(value) != nil else { return false }
        at += count
        return true
    }

    /// A decimal integer or float as TOML writes them (no leading zero, "_" only between
    /// digits), or inf or nan, with an optional sign.
    private mutating func number() -> Bool {
        _ = take("+") || take("-")
        if word("inf") || word("nan") { return true }  // the line's end is checked after the value
        if take("0") {
            guard current.map(Self.isDigit) != true else { return false }
        } else {
            guard digits() else { return false }
        }
        if take("."), !digits() { return false }
        if take("e") || take("E") {
            _ = take("+") || take("-")
            guard digits() else { return false }
        }
        return current == nil || current == 0x20 || current == 0x09 || current == UInt8(ascii: "#")
    }

    /// Digits, single underscores between them.
    private mutating func digits() -> Bool {
        guard let first = current, Self.isDigit(first) else { return false }
        at += 1
        while true {
            if let byte = current, Self.isDigit(byte) {
                at += 1
            } else if current == UInt8(ascii: "_"), at + 1 < bytes.count, Self.isDigit(bytes[at + 1]) {
                at += 2
            } else {
                return true
            }
        }
    }

    private mutating func word(_ word: String) -> Bool {
        guard bytes[at...].starts(with: word.utf8) else { return false }
        at += word.utf8.count
        return true
    }

    private mutating func take(_ character: Unicode.Scalar) -> Bool {
        guard current == UInt8(ascii: character) else { return false }
        at += 1
        return true
    }

    private mutating func blanks() {
        while current == 0x20 || current == 0x09 { at += 1 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isBareKey(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"): true
        default: false
        }
    }

    /// TOML's control characters (tab aside), which no comment or string may hold as they are.
    private static func isControl(_ byte: UInt8) -> Bool { (byte < 0x20 && byte != 0x09) || byte == 0x7F }
}
