import Foundation

/// How pstscope writes JSON: keys in snake_case and sorted, slashes as they are. `text` is a
/// document for people and programs to read (indented, ending in a newline); `line` is one object
/// on one line, as a store column or a CSV cell holds it. Optional fields that should read as
/// null are `@Nullable`. A type's own coding keys, already snake_case, are kept.
public enum JSONDocument {
    public static func text(_ value: some Encodable) throws -> String {
        try encoded(value, [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) + "\n"
    }

    public static func line(_ value: some Encodable) throws -> String {
        try encoded(value, [.sortedKeys, .withoutEscapingSlashes])
    }

    private static func encoded(_ value: some Encodable, _ formatting: JSONEncoder.OutputFormatting) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
