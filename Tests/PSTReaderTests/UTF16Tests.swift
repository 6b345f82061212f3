import Testing
@testable import PSTReader

/// The hand-written UTF-16LE decoder gives what the standard library gives, lone surrogates
/// included, and stops at the first NUL.
struct UTF16Tests {
    static func bytes(_ units: [UInt16]) -> [UInt8] {
        units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    /// The decoder on a byte array, as it gets a property's bytes from libpff.
    static func decoded(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { utf16String($0) }
    }

    static func expected(_ units: [UInt16]) -> String? {
        let text = String(decoding: units.prefix { $0 != 0 }, as: UTF16.self)
        return text.isEmpty ? nil : text
    }

    @Test func agreesWithTheStandardLibrary() {
        let cases: [[UInt16]] = [
            [], [0], Array("Grüße, 日本語 🚀 =SUM(A1)".utf16), [0xD83D], [0xDE80, 0x41], [0xD83D, 0x41],
            [0x41, 0, 0x42], [0xD800, 0xDC00, 0xDBFF, 0xDFFF], [0xFFFF, 0xFFFE, 0x7F, 0x80, 0x7FF, 0x800],
        ]
        for units in cases {
            #expect(Self.decoded(Self.bytes(units)) == Self.expected(units), "\(units)")
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let units = (0..<Int.random(in: 0..<12, using: &generator)).map { _ in
                [UInt16.random(in: 1...0x7F, using: &generator), UInt16.random(in: 0xD800...0xDFFF, using: &generator),
                 UInt16.random(in: 1...0xFFFF, using: &generator)].randomElement(using: &generator)!
            }
            #expect(Self.decoded(Self.bytes(units)) == Self.expected(units), "\(units)")
        }
    }

    /// ASCII is decoded four units at a time: runs of every length, broken by a NUL or by a
    /// non-ASCII unit at every position, decode as the standard library does.
    @Test func asciiRunsOfEveryLengthAndWhatBreaksThem() {
        for length in 0..<20 {
            let run = (0..<length).map { UInt16(0x61 + $0 % 26) }
            for position in 0...length {
                for breaker: UInt16 in [0, 0xE9, 0x80, 0xD83D, 0x7F] {
                    var units = run
                    units.insert(breaker, at: position)
                    units += run
                    #expect(Self.decoded(Self.bytes(units)) == Self.expected(units), "\(units)")
                }
            }
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            var units: [UInt16] = []
            while units.count < 30 {
                if Bool.random(using: &generator) {
                    units += (0..<Int.random(in: 1...9, using: &generator)).map { _ in UInt16.random(in: 1...0x7F, using: &generator) }
                } else {
                    units.append([0, 0xD83D, 0xDE80, 0x3A9, UInt16.random(in: 0x80...0xFFFF, using: &generator)]
                        .randomElement(using: &generator)!)
                }
            }
            #expect(Self.decoded(Self.bytes(units)) == Self.expected(units), "\(units)")
        }
    }

    @Test func anOddTrailingByteIsIgnored() {
        #expect(Self.decoded([0x41, 0x00, 0x42]) == "A")
    }
}
