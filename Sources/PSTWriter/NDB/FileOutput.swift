import Foundation

/// A file written mostly front to back through a buffer, with positioned writes for the
/// structures filled in at the end (maps, header).
final class FileOutput {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    /// File offset of buffer[0].
    private var bufferStart: UInt64
    static let flushThreshold = 4 << 20

    init(path: String, startingAt offset: UInt64) throws(NDBError) {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw .cannotCreate(path: path, errno: errno) }
        bufferStart = offset
        buffer.reserveCapacity(Self.flushThreshold + 16384)
    }

    deinit { close(descriptor) }

    /// The offset the next appended byte lands at.
    var end: UInt64 { bufferStart + UInt64(buffer.count) }

    /// Appends `bytes` at `offset` (≥ end); the space in between is zero-filled.
    func append(_ bytes: [UInt8], at offset: UInt64) throws(NDBError) {
        precondition(offset >= end, "writes go forward")
        if offset > end { buffer.append(contentsOf: repeatElement(0, count: Int(offset - end))) }
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    func flush() throws(NDBError) {
        var written = 0
        while written < buffer.count {
            let result = buffer.withUnsafeBytes {
                pwrite(descriptor, $0.baseAddress! + written, buffer.count - written, off_t(bufferStart) + off_t(written))
            }
            guard result > 0 else { throw .writeFailed(errno: errno) }
            written += result
        }
        bufferStart += UInt64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes `bytes` at `offset`, anywhere in the file (after a flush).
    func write(_ bytes: [UInt8], at offset: UInt64) throws(NDBError) {
        try flush()
        let result = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress!, bytes.count, off_t(offset)) }
        guard result == bytes.count else { throw .writeFailed(errno: errno) }
    }

    func synchronize() throws(NDBError) {
        try flush()
        guard fsync(descriptor) == 0 else { throw .writeFailed(errno: errno) }
    }
}

/// Little-endian encoding into byte arrays.
extension Array where Element == UInt8 {
    mutating func append<T: FixedWidthInteger>(le value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    mutating func put<T: FixedWidthInteger>(le value: T, at offset: Int) {
        Swift.withUnsafeBytes(of: value.littleEndian) { bytes in
            for (index, byte) in bytes.enumerated() { self[offset + index] = byte }
        }
    }
}
