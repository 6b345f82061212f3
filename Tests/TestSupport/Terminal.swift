import Foundation

/// A pseudo-terminal for a child's standard error, so that the child sees a real terminal
/// (`isatty`, a window size) and the test sees every byte it drew.
public final class PseudoTerminal: @unchecked Sendable {
    public let columns: Int
    private let master: Int32
    private let slave: Int32
    private var transcript = Data()
    private let reader = DispatchSemaphore(value: 0)

    /// Whether this machine can make one (a container may have no /dev/pts).
    public static let isAvailable: Bool = {
        guard let terminal = try? PseudoTerminal(columns: 80) else { return false }
        terminal.childStarted()
        return terminal.drawn().isEmpty
    }()

    public static let missingMessage = "no pseudo-terminal on this machine (/dev/ptmx): skipped"

    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    public init(columns: Int, rows: Int = 24) throws {
        self.columns = columns
        // /dev/ptmx's own ioctls (TIOCSPTLCK, TIOCGPTN from <asm-generic/ioctls.h>): Swift's
        // Glibc module declares neither them nor unlockpt and ptsname.
        let unlockRequest: UInt = 0x4004_5431
        let numberRequest: UInt = 0x8004_5430
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, unlockRequest, &unlock) == 0, ioctl(master, numberRequest, &number) == 0 else {
            throw Unavailable(description: "no pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard slave >= 0 else { throw Unavailable(description: "cannot open /dev/pts/\(number)") }
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// The terminal's end for the child.
    public var childEnd: FileHandle { FileHandle(fileDescriptor: slave, closeOnDealloc: false) }

    /// Starts draining what the child writes (so it never blocks on a full terminal), and closes
    /// this process's copy of the child's end, so the drain ends when the child exits.
    public func childStarted() {
        close(slave)
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(master, &buffer, buffer.count)
                guard count > 0 else { break }  // EIO once no process holds the child's end
                transcript.append(contentsOf: buffer[0..<count])
            }
            reader.signal()
        }
    }

    /// Everything drawn, once the child has exited.
    public func drawn() -> String {
        reader.wait()
        close(master)
        return String(decoding: transcript, as: UTF8.self)
    }
}

/// What a terminal shows after replaying a transcript: enough of a VT100 for carriage return,
/// newline, cursor up (`ESC [ n A`) and erase to the end of the screen (`ESC [ J`).
public enum TerminalScreen {
    public static func replay(_ transcript: String) -> [String] {
        var lines: [[Unicode.Scalar]] = [[]]
        var row = 0
        var column = 0
        var characters = transcript.unicodeScalars.makeIterator()
        while let character = characters.next() {
            switch character {
            case "\r":
                column = 0
            case "\n":
                row += 1
                if row == lines.count { lines.append([]) }
            case "\u{1B}":
                guard characters.next() == "[" else { continue }
                var parameter = ""
                var command: Unicode.Scalar = " "
                while let next = characters.next() {
                    if ("0"..."9").contains(next) { parameter.unicodeScalars.append(next) } else { command = next; break }
                }
                switch command {
                case "A": row = max(0, row - (Int(parameter) ?? 1))
                case "J":
                    lines[row] = Array(lines[row].prefix(column))
                    lines.removeSubrange((row + 1)...)
                default: break
                }
            default:
                while lines[row].count < column { lines[row].append(" ") }
                if column < lines[row].count { lines[row][column] = character } else { lines[row].append(character) }
                column += 1
            }
        }
        let screen = lines.map { String(String.UnicodeScalarView($0)) }
        return Array(screen.reversed().drop { $0.isEmpty }.reversed())
    }
}
