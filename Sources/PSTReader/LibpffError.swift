import CLibpff
import Foundation

/// A call into libpff that returned -1, with libpff's own explanation.
public struct LibpffError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The libpff function that failed.
    public let function: String
    /// The first line of libpff's error backtrace, the most specific cause.
    public let cause: String

    public var description: String { cause.isEmpty ? "\(function) failed" : cause }
}

typealias LibpffErrorHandle = UnsafeMutablePointer<libpff_error_t>

/// Runs one libpff call and maps its result: 1 → true (found), 0 → false (absent),
/// -1 → a thrown `LibpffError`. The C error is always freed.
@discardableResult
func libpff(
    _ function: String,
    _ call: (UnsafeMutablePointer<LibpffErrorHandle?>) -> Int32
) throws(LibpffError) -> Bool {
    var error: LibpffErrorHandle? = nil
    let result = call(&error)
    defer { if error != nil { libpff_error_free(&error) } }
    if result == -1 {
        throw LibpffError(function: function, cause: innermostCause(error))
    }
    return result == 1
}

/// libpff's backtrace lists the root cause first. Its text is kept without the C function
/// name, so that a user reads "mismatch in file header checksum (…)".
private func innermostCause(_ error: LibpffErrorHandle?) -> String {
    guard let error else { return "" }
    var buffer = [CChar](repeating: 0, count: 4096)
    guard libpff_error_backtrace_sprint(error, &buffer, buffer.count) > 0 else { return "" }
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    let first = String(decoding: bytes, as: UTF8.self)
        .split(whereSeparator: \.isNewline)
        .first { !$0.allSatisfy(\.isWhitespace) } ?? ""
    return tidy(first)
}

/// "libpff_x_y: unable to read ( 1 != 2 )." → "unable to read (1 != 2)"
func tidy(_ line: Substring) -> String {
    var text = line.trimmingCharacters(in: .whitespaces)
    if let colon = text.range(of: ": "), !text[..<colon.lowerBound].contains(" ") {
        text = String(text[colon.upperBound...])
    }
    text = text.replacingOccurrences(of: "( ", with: "(").replacingOccurrences(of: " )", with: ")")
    while text.hasSuffix(".") { text.removeLast() }
    return text
}
