import Foundation
import OwnedFiles
import Synchronization

/// A running session's claim on itself: an exclusive advisory lock on one byte of the lock
/// file beside the store (STORE.lock), the byte at the session's row number. The kernel
/// releases it when the process ends, however it ends, so a session whose byte nobody holds
/// is not running, whatever its recorded process id now names. One file serves any number
/// of sessions at once, which whole-file locks (flock) cannot.
///
/// Open-file-description locks (Linux's F_OFD_*) belong to the open file, not the process:
/// a check from this process sees the locks this process holds through other descriptors,
/// and closing a descriptor used for a check releases nothing else.
final class SessionLock: Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    static func path(store: String) -> String { store + ".lock" }

    /// Takes the lock of session `slot`; nil when another holds it.
    static func acquire(store: String, slot: Int64) throws(StoreError) -> SessionLock? {
        let descriptor = try open(store: store)
        var lock = region(slot, type: F_WRLCK)
        guard fcntl(descriptor, setLock, &lock) == 0 else {
            close(descriptor)
            if errno == EAGAIN || errno == EACCES { return nil }
            throw .other("cannot lock \(path(store: store)): \(String(cString: strerror(errno)))")
        }
        return SessionLock(descriptor: descriptor)
    }

    /// Runs `body` while holding byte 0 (no session's: row numbers start at 1), waiting for it:
    /// two processes opening a new store at once would otherwise both set it up (WAL mode, the
    /// migrations), and one of them fail.
    static func whileSettingUp<T>(store: String, _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        let descriptor = try open(store: store)
        defer { close(descriptor) }  // closing the description releases its lock
        var lock = region(0, type: F_WRLCK)
        while fcntl(descriptor, waitLock, &lock) != 0 {
            guard errno == EINTR else {
                throw .other("cannot lock \(path(store: store)): \(String(cString: strerror(errno)))")
            }
        }
        return try body()
    }

    /// True when some open file (in any process on this machine) holds session `slot`'s lock.
    static func isHeld(store: String, slot: Int64) throws(StoreError) -> Bool {
        let descriptor = try open(store: store)
        defer { close(descriptor) }
        var lock = region(slot, type: F_WRLCK)
        guard fcntl(descriptor, getLock, &lock) == 0 else {
            throw .other("cannot test the lock \(path(store: store)): \(String(cString: strerror(errno)))")
        }
        return lock.l_type != F_UNLCK
    }

    private static func open(store: String) throws(StoreError) -> Int32 {
        let descriptor = Glibc.open(path(store: store), O_RDWR | O_CREAT | O_CLOEXEC, PrivateFiles.fileMode)
        guard descriptor >= 0 else {
            throw errno == ENOSPC ? .diskFull : .other("cannot open \(path(store: store)): \(String(cString: strerror(errno)))")
        }
        return descriptor
    }

    private static func region(_ slot: Int64, type: Int32) -> flock {
        var lock = flock()
        lock.l_type = Int16(type)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = off_t(slot)
        lock.l_len = 1
        return lock
    }

    #if os(Linux)
    // F_OFD_GETLK and F_OFD_SETLK (<fcntl.h>, Linux 3.15), which Swift's Glibc does not export.
    private static let getLock: Int32 = 36
    private static let setLock: Int32 = 37
    private static let waitLock: Int32 = 38
    #else
    private static let getLock = F_GETLK
    private static let setLock = F_SETLK
    private static let waitLock = F_SETLKW
    #endif
}

/// The session locks this store's process holds, by session id, until the session ends.
final class SessionLocks: Sendable {
    private let held = Mutex<[String: SessionLock]>([:])

    func hold(_ lock: SessionLock, for session: String) {
        held.withLock { $0[session] = lock }
    }

    func release(_ session: String) {
        _ = held.withLock { $0.removeValue(forKey: session) }
    }
}
