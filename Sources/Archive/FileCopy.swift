import Foundation
import OwnedFiles

/// A plain copy of a file into a new owner-only file, a megabyte at a time.
public enum FileCopy {
    public static func copy(_ source: String, to destination: String) throws(ArchiveError) {
        let reading = open(source, O_RDONLY | O_CLOEXEC)
        guard reading >= 0 else { throw ArchiveError(description: "cannot read \(source): \(String(cString: strerror(errno)))") }
        defer { close(reading) }
        let writing = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, PrivateFiles.fileMode)
        guard writing >= 0 else {
            throw ArchiveError(description: "cannot create \(destination): \(String(cString: strerror(errno)))")
        }
        var finished = false
        defer {
            close(writing)
            if !finished { unlink(destination) }
        }
        fchmod(writing, PrivateFiles.fileMode)
        let size = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(reading, buffer, size)
            guard count >= 0 else { throw ArchiveError(description: "cannot read \(source): \(String(cString: strerror(errno)))") }
            if count == 0 { break }
            try Zstd.writeAll(buffer, count, to: writing, destination)
        }
        guard fsync(writing) == 0 else {
            throw ArchiveError(description: "cannot write \(destination): \(String(cString: strerror(errno)))")
        }
        finished = true
    }
}
