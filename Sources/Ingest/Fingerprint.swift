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

    /// The fingerprint of a file whose sample matched `twin`'s but whose bytes differ (a copy
    /// damaged between its first and last MiB is no copy): the sample's, then SHA-256 of the
    /// whole file. nil when the two hold the same bytes, or either cannot be read to its end.
    /// Only files whose samples match another's at a different path pay for reading both in
    /// full; the same path imported again is the same file, as its sample says.
    static func distinguishing(_ path: String, from twin: String, sampled: String) -> String? {
        guard twin != path, let own = try? whole(path), let twins = try? whole(twin), own != twins else { return nil }
        return "\(sampled)+\(own)"
    }

    private static func whole(_ path: String) throws -> String {
        let handle = try Foundation.FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 22), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
