import Crypto
import Foundation

/// Identifies a source file by content without reading all of a 50 GB PST: SHA-256 over the
/// size, the first MiB and the last MiB. PST writes touch the header (first page) and
/// append or rewrite pages, so a changed file gets a new fingerprint.
enum Fingerprint {
    static let sample = 1 << 20

    static func of(path: String, size: Int64) throws -> String {
        let handle = try Foundation.FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var hasher = SHA256()
        withUnsafeBytes(of: size.littleEndian) { hasher.update(bufferPointer: $0) }
        hasher.update(data: try handle.read(upToCount: sample) ?? Data())
        if size > Int64(sample) {
            try handle.seek(toOffset: UInt64(max(Int64(sample), size - Int64(sample))))
            hasher.update(data: try handle.readToEnd() ?? Data())
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
