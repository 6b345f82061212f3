import Foundation

/// Files and directories readable by their owner only. A store or report says who wrote to
/// whom and when: it is private from the moment it exists, whatever the caller's umask.
public enum PrivateFiles {
    public static let fileMode: mode_t = 0o600
    public static let directoryMode: mode_t = 0o700

    /// Makes every file this process creates from now on private, including those that SQLite
    /// (-wal, -shm) and libxlsxwriter create where no mode can be passed.
    public static func restrictProcessUmask() {
        umask(0o077)
    }

    /// Creates `path` and any missing parents as private directories; an existing directory
    /// is left as it is (it was not made here).
    public static func createDirectory(_ path: String) throws(OutputError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .notADirectory(path) }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path { try createDirectory(parent) }
        guard mkdir(path, directoryMode) == 0 || errno == EEXIST else { throw .system(path, errno) }
        // mkdir's mode passes through the umask: set it outright.
        guard chmod(path, directoryMode) == 0 else { throw .system(path, errno) }
    }

    /// Writes `data` to `path` through a private temporary file beside it, renamed into place,
    /// so that a reader never sees half a file and a failed write leaves the old one whole.
    public static func write(_ data: Data, to path: String) throws(OutputError) {
        let temporary = path + ".partial-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
        guard descriptor >= 0 else { throw .system(path, errno) }
        var failure: Int32? = nil
        if fchmod(descriptor, fileMode) != 0 { failure = errno }
        data.withUnsafeBytes { raw in
            var offset = 0
            while failure == nil && offset < raw.count {
                let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { failure = written < 0 ? errno : ENOSPC } else { offset += written }
            }
        }
        if close(descriptor) != 0 && failure == nil { failure = errno }
        if failure == nil && rename(temporary, path) != 0 { failure = errno }
        if let failure {
            unlink(temporary)
            throw .system(path, failure)
        }
    }

    /// Makes a file another library created private (a no-op for a missing one).
    public static func restrict(_ path: String) throws(OutputError) {
        guard chmod(path, fileMode) == 0 || errno == ENOENT else { throw .system(path, errno) }
    }
}
