import Foundation

/// A temporary directory for one test, removed when the value goes away.
public final class Scratch: @unchecked Sendable {
    public let url: URL

    public init() {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("pstscope-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        // Readable and writable by an unprivileged user too (the permission test drops root).
        chmod(url.path, 0o777)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    public func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// Writes `data` to `name` and returns its path.
    @discardableResult
    public func file(_ name: String, _ data: Data) throws -> String {
        let path = path(name)
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The first `bytes` of a file, written to `name`.
    @discardableResult
    public func truncated(_ source: String, to bytes: Int, as name: String) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: source))
        return try file(name, data.prefix(bytes))
    }
}
