import Foundation

/// The worker's stream format: frames of `[length: UInt32 LE][type: UInt8][payload]`.
/// Payload fields are LEB128 varints and length-prefixed bytes; an optional is its value's
/// encoding shifted by one, with 0 for nil. Compact and cheap to write and read: the stream
/// carries every message of a PST from the worker to the writer.
struct WireWriter {
    private(set) var bytes: [UInt8] = []
    private var frameStart = 0

    init(capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
    }

    mutating func beginFrame(_ type: UInt8) {
        frameStart = bytes.count
        bytes.append(contentsOf: [0, 0, 0, 0, type])
    }

    mutating func endFrame() {
        let length = UInt32(bytes.count - frameStart - 4)
        withUnsafeBytes(of: length.littleEndian) { raw in
            for (offset, byte) in raw.enumerated() { bytes[frameStart + offset] = byte }
        }
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func int(_ value: Int64) {
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))  // zigzag: small negatives stay small
    }

    mutating func int(_ value: Int) { int(Int64(value)) }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            varint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func string(_ value: String?) {
        guard var value else { return varint(0) }
        value.withUTF8 { utf8 in
            varint(UInt64(utf8.count) + 1)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func data(_ value: Data?) {
        guard let value else { return varint(0) }
        varint(UInt64(value.count) + 1)
        bytes.append(contentsOf: value)
    }

    mutating func int(_ value: Int64?) {
        guard let value else { return varint(0) }
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)) &+ 1)
    }

    mutating func int(_ value: Int?) { int(value.map(Int64.init)) }
}

/// Reads one frame's payload; any overrun or malformed field throws, so a damaged stream
/// fails the file with a clear error instead of producing wrong records.
struct WireReader {
    struct Malformed: Error, CustomStringConvertible {
        var description: String { "the reader's stream is malformed" }
    }

    private let bytes: UnsafeRawBufferPointer
    private var position = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { position == bytes.count }

    mutating func byte() throws(Malformed) -> UInt8 {
        guard position < bytes.count else { throw Malformed() }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func varint() throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw Malformed() }
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return value }
            shift += 7
        }
    }

    mutating func int() throws(Malformed) -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    mutating func int() throws(Malformed) -> Int { Int(try int() as Int64) }

    mutating func bool() throws(Malformed) -> Bool { try byte() != 0 }

    mutating func string() throws(Malformed) -> String {
        try text(count: try count(try varint()))
    }

    mutating func optionalString() throws(Malformed) -> String? {
        let length = try varint()
        return length == 0 ? nil : try text(count: try count(length - 1))
    }

    mutating func optionalData() throws(Malformed) -> Data? {
        let length = try varint()
        guard length > 0 else { return nil }
        let range = try take(try count(length - 1))
        return Data(bytes[range])
    }

    mutating func optionalInt() throws(Malformed) -> Int64? {
        let raw = try varint()
        guard raw > 0 else { return nil }
        let value = raw - 1
        return Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
    }

    private mutating func text(count: Int) throws(Malformed) -> String {
        let range = try take(count)
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// A byte count read from the stream, checked before it becomes an Int: `Int(_:)` traps on
    /// a count above Int.max, and a damaged stream must fail its file, not the importing process.
    private func count(_ length: UInt64) throws(Malformed) -> Int {
        guard length <= UInt64(bytes.count - position) else { throw Malformed() }
        return Int(length)
    }

    private mutating func take(_ count: Int) throws(Malformed) -> Range<Int> {
        guard count >= 0, count <= bytes.count - position else { throw Malformed() }
        defer { position += count }
        return position..<(position + count)
    }
}

extension WireWriter {
    /// A value of the shared vocabulary, as its name.
    mutating func name<Name: RawRepresentable<String>>(_ value: Name) { string(value.rawValue) }
}

extension WireReader {
    /// A value of the shared vocabulary; a name the reader does not know is a malformed frame.
    mutating func name<Name: RawRepresentable<String>>(_: Name.Type = Name.self) throws(Malformed) -> Name {
        guard let value = Name(rawValue: try string()) else { throw Malformed() }
        return value
    }
}
