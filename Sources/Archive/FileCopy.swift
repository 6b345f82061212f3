import Foundation
import OwnedFiles

/// A plain copy of a file into a new owner-only file, a megabyte at a time.
public enum FileCopy {
    public static func copy(_ source: String, to destination: String) throws(ArchiveError) {
        try FilePair.open(source, destination) { (reading, writing) throws(ArchiveError) in
            let size = 1 << 20
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
            defer { buffer.deallocate() }
            while true {
                let count = read(reading, buffer, size)
                guard count >= 0 else { throw ArchiveError(reading: source) }
                if count == 0 { break }
                try FilePair.write(buffer, count, to: writing, destination)
            }
        }
    }
}

/// A file read and a new file written from it: the new file is owner-only, never replaces one
/// that exists, is on disk when `body` returns, and is removed when `body` fails.
enum FilePair {
    static func open(_ source: String, _ destination: String,
                     _ body: (_ reading: Int32, _ writing: Int32) throws(ArchiveError) -> Void) throws(ArchiveError) {
        let reading = Glibc.open(source, O_RDONLY | O_CLOEXEC)
        guard reading >= 0 else { throw ArchiveError(reading: source) }
        defer { close(reading) }
        let writing = Glibc.open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, PrivateFiles.fileMode)
        guard writing >= 0 else { throw ArchiveError(description: "cannot create \(destination): \(ArchiveError.reason())") }
        var finished = false
        defer {
            close(writing)
            if !finished { unlink(destination) }
        }
        fchmod(writing, PrivateFiles.fileMode)
        try body(reading, writing)
        guard fsync(writing) == 0 else { throw ArchiveError(writing: destination) }
        finished = true
    }

    static func write(_ bytes: UnsafeMutableRawPointer, _ count: Int, to descriptor: Int32, _ path: String)
        throws(ArchiveError)
    {
        var offset = 0
        while offset < count {
            let written = Glibc.write(descriptor, bytes + offset, count - offset)
            if written < 0 && errno == EINTR { continue }
            if written == 0 { errno = ENOSPC }
            guard written > 0 else { throw ArchiveError(writing: path) }
            offset += written
        }
    }
}

extension ArchiveError {
    init(reading path: String) { self.init(description: "cannot read \(path): \(Self.reason())") }
    init(writing path: String) { self.init(description: "cannot write \(path): \(Self.reason())") }
    static func reason() -> String { String(cString: strerror(errno)) }
}
