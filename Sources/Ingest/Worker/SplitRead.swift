import Foundation
import MailModel
import PSTReader
import Synchronization

/// One file read by several worker processes at once, each with its own libpff handle and a
/// `FilePart` of the items. Their records reach `consume`, on the calling thread, as the very
/// stream one worker would send: each part's runs of items are taken in turn, as `FilePart`
/// dealt them, so the items keep their walk order and the store ends up exactly as with one
/// worker (which copy of a message is its first sighting, which name a contact is first seen
/// under). One `opened`, each folder once, one `finished` once every part has ended well.
///
/// A part that crashes, hangs or breaks its stream ends the read when its turn comes: the
/// others are stopped and its failure is returned, as a single worker's would be. Each part
/// reads ahead of its turn up to `capacity` records, so the parts rarely wait for each other.
struct SplitRead {
    let executable: String
    let path: String
    let parts: Int
    let timeout: Double

    static let capacity = 4096

    func run(
        started: @escaping @Sendable (pid_t) -> Void, ended: @escaping @Sendable (pid_t) -> Void,
        idle: () throws -> Void, consume: (ReadRecord) throws -> Bool
    ) throws -> WorkerProcess.Termination {
        let channels = (0..<parts).map { _ in Channel(capacity: Self.capacity) }
        let readers = channels.enumerated().map { index, channel in
            let worker = WorkerProcess(executable: executable, path: path, part: FilePart(index: index, count: parts)!,
                                       timeout: timeout)
            return Background<Void, Never> {
                var pid: pid_t?
                let ending = (try? worker.run(
                    started: { pid = $0; started($0) },
                    idle: { if channel.isClosed { throw Channel.Closed() } },
                    consume: { channel.put(.record($0)) })) ?? .stopped
                if let pid { ended(pid) }
                _ = channel.put(.ended(ending))
            }
        }
        defer {
            for channel in channels { channel.close() }
            for reader in readers { reader.value() }
        }

        var merge = Merge(parts: parts)
        while let part = merge.turn {
            guard let message = try channels[part].take(idle: idle) else { return .stopped }
            switch merge.take(message, from: part) {
            case .pass(let record):
                guard try consume(record) else { return .stopped }
            case .last(let record):
                _ = try consume(record)
                return .finished
            case .putBack:
                channels[part].putBack(message)
            case .skip:
                continue
            case .end(let termination):
                return termination
            }
        }
        return .stopped
    }

    fileprivate enum Message: Sendable {
        case record(ReadRecord)
        case ended(WorkerProcess.Termination)
    }

    /// Whose turn it is, and what the parts' records add up to.
    private struct Merge {
        enum Step {
            case pass(ReadRecord)
            /// The file's last record: every part has ended well.
            case last(ReadRecord)
            /// The record opens the part's next run: it waits for the part's next turn.
            case putBack
            case skip
            case end(WorkerProcess.Termination)
        }

        let parts: Int
        /// The part whose run is being taken; nil when every part has ended.
        private(set) var turn: Int? = 0
        private var taken = 0
        private var done: Set<Int> = []
        private var finished: Set<Int> = []
        private var opened = false
        private var folders: Set<UInt32> = []
        private var x500: [String: String] = [:]
        private var fatal: String?

        init(parts: Int) { self.parts = parts }

        mutating func take(_ message: Message, from part: Int) -> Step {
            switch message {
            case .record(let record):
                switch record {
                case .message, .problem:
                    guard record.holdsAnItem else { return .pass(record) }
                    if taken == FilePart.run {
                        next()
                        return .putBack
                    }
                    taken += 1
                    return .pass(record)
                case .opened:
                    defer { opened = true }
                    return opened ? .skip : .pass(record)
                case .failed:
                    // Every part opens the same file: the first that cannot, fails it. (One that
                    // cannot after another could leaves its stream short: the file fails below.)
                    return opened ? .skip : .pass(record)
                case .folder(let folder):
                    return folders.insert(folder.nodeID).inserted ? .pass(record) : .skip
                case .finished(let map, let cause):
                    x500.merge(map) { first, _ in first }
                    fatal = fatal ?? cause
                    finished.insert(part)
                    return .skip
                }
            case .ended(let termination):
                guard termination == .finished else { return .end(termination) }
                guard finished.contains(part) else { return .end(.malformed) }
                done.insert(part)
                // A part out of items has read its last run: so have those after it.
                next()
                return turn == nil ? .last(.finished(x500: x500, fatal: fatal)) : .skip
            }
        }

        private mutating func next() {
            taken = 0
            guard done.count < parts, let current = turn else {
                turn = nil
                return
            }
            var part = (current + 1) % parts
            while done.contains(part) { part = (part + 1) % parts }
            turn = part
        }
    }

    /// A bounded queue from one part's thread to the consumer. Closing it wakes both ends: the
    /// producer's `put` then says no more, and its worker is stopped.
    private final class Channel: Sendable {
        struct Closed: Error {}

        private struct State {
            var items: [Message] = []
            var head = 0
            var returned: Message?
            var closed = false
        }

        private let state = Mutex(State())
        /// Both count from zero: libdispatch traps when a semaphore goes away below its start
        /// value, as `space` does when the read ends with records still queued.
        private let space = DispatchSemaphore(value: 0)
        private let available = DispatchSemaphore(value: 0)

        init(capacity: Int) {
            for _ in 0..<capacity { space.signal() }
        }

        var isClosed: Bool { state.withLock { $0.closed } }

        /// False once the channel is closed: the producer should stop.
        func put(_ message: Message) -> Bool {
            while space.wait(timeout: .now() + 1) == .timedOut {
                if isClosed { return false }
            }
            let open = state.withLock { state in
                guard !state.closed else { return false }
                state.items.append(message)
                return true
            }
            if open { available.signal() } else { space.signal() }
            return open
        }

        /// The next message; `idle` runs each second none comes. Nil once closed.
        func take(idle: () throws -> Void) throws -> Message? {
            if let message = state.withLock({ state in defer { state.returned = nil }; return state.returned }) {
                return message
            }
            while available.wait(timeout: .now() + 1) == .timedOut {
                if isClosed { return nil }
                try idle()
            }
            let message = state.withLock { state -> Message? in
                guard state.head < state.items.count else { return nil }
                defer {
                    state.head += 1
                    // Drop what was taken now and then, not on every take.
                    if state.head >= 1024 && state.head * 2 >= state.items.count {
                        state.items.removeFirst(state.head)
                        state.head = 0
                    }
                }
                return state.items[state.head]
            }
            space.signal()
            return message
        }

        /// The message just taken comes out first again.
        func putBack(_ message: Message) {
            state.withLock { $0.returned = message }
        }

        func close() {
            state.withLock { $0.closed = true }
        }
    }
}

extension ReadRecord {
    /// Whether the record stands for an item of the walk (read, or failed), which takes a
    /// position in `FilePart`'s numbering; a folder that could not be read takes none.
    fileprivate var holdsAnItem: Bool {
        switch self {
        case .message: true
        case .problem(let problem): problem.itemFailed && (problem.itemIndex ?? -1) >= 0
        default: false
        }
    }
}
