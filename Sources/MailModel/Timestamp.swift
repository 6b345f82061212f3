import Foundation

/// How times are written in the store and in JSON: ISO 8601, UTC, with milliseconds.
public enum Timestamp {
    static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    public static func string(_ date: Date) -> String {
        date.formatted(style)
    }

    public static func date(_ string: String) -> Date? {
        (try? style.parse(string)) ?? (try? Date(string, strategy: .iso8601))
    }
}
