import Foundation

/// A directory pstscope writes into without ever replacing what it did not write. A manifest
/// in it lists every file pstscope put there; a file may be (re)written when it is new or
/// listed. A directory is taken when it is new, empty, or holds a manifest (an earlier
/// output: a demo, a report); anything else is refused before a byte is written.
public struct OutputDirectory {
    public static let manifestName = ".pstscope-output"
    private static let manifestHeader = "# Written by pstscope: the files it wrote here and may write again."

    public let path: String
    /// Relative paths of the files pstscope wrote here, in this run or before.
    public private(set) var written: Set<String>

    /// Takes `path` for output, creating it (private) when it does not exist.
    public init(claiming path: String) throws(OutputError) {
        self.path = path
        let manifest = (path as NSString).appendingPathComponent(Self.manifestName)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .notADirectory(path) }
            if let text = try? String(contentsOfFile: manifest, encoding: .utf8), text.hasPrefix(Self.manifestHeader) {
                written = Set(text.split(separator: "\n").dropFirst().map(String.init).filter { !$0.isEmpty })
                return
            }
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else {
                throw .unreadableDirectory(path)
            }
            guard entries.isEmpty else { throw .foreignDirectory(path) }
        } else {
            try PrivateFiles.createDirectory(path)
        }
        written = []
        try saveManifest()
    }

    /// The full path of `name` (relative, "/" between folders).
    public func url(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    /// Writes `data` as `name`, creating its folders; returns its path.
    @discardableResult
    public mutating func write(_ data: Data, as name: String) throws(OutputError) -> String {
        let target = try claim(name)
        try PrivateFiles.write(data, to: target)
        return target
    }

    /// Records `name` as pstscope's before another writer (SQLite, libxlsxwriter) creates it,
    /// and creates its folders; returns its path. A file already there that pstscope did not
    /// write is refused.
    public mutating func claim(_ name: String) throws(OutputError) -> String {
        let target = url(name)
        if !written.contains(name) {
            if FileManager.default.fileExists(atPath: target) { throw .foreignFile(target) }
            written.insert(name)
            try saveManifest()
        }
        try PrivateFiles.createDirectory((target as NSString).deletingLastPathComponent)
        return target
    }

    /// Removes those of `names` that pstscope wrote here before (a new demo's store starts
    /// empty); any other file of those names stays, and a later `claim` refuses it.
    public func removePrevious(_ names: [String]) throws(OutputError) {
        for name in names where written.contains(name) {
            guard unlink(url(name)) == 0 || errno == ENOENT else { throw .system(url(name), errno) }
        }
    }

    private func saveManifest() throws(OutputError) {
        let text = ([Self.manifestHeader] + written.sorted()).joined(separator: "\n") + "\n"
        try PrivateFiles.write(Data(text.utf8), to: url(Self.manifestName))
    }
}
