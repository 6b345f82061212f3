import Foundation

/// Writes the truth file while messages stream past: messages and reply pairs go to two spool
/// files, and `finish` assembles the document in key order. Memory stays flat however many
/// messages there are. The spools and the document being assembled live in a new directory
/// of their own beside the output, so no file of anyone else's can be in their way.
final class TruthWriter {
    private let path: String
    private let work: String
    private let messages: Spool
    private let replyPairs: Spool

    init(path: String) throws {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        var template = Array(((directory.isEmpty ? "." : directory) + "/.truth-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        work = String(cString: made)
        messages = try Spool(path: work + "/messages")
        replyPairs = try Spool(path: work + "/replies")
    }

    func add(_ message: Truth.Message) throws {
        try messages.append(Data(message.jsonBytes))
    }

    func add(_ pair: Truth.ReplyPair) throws {
        try replyPairs.append(Data(pair.jsonBytes))
    }

    /// Writes the document (through a temporary file, renamed into place) and removes the spools.
    func finish(_ recorder: TruthRecorder) throws {
        defer { discard() }
        try messages.close()
        try replyPairs.close()
        let partial = work + "/truth.json"
        let output = try Spool.create(partial)
        var buffer = Data()
        func out(_ data: Data) throws {
            buffer.append(data)
            if buffer.count >= Spool.bufferSize {
                try output.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        func copy(_ spool: Spool) throws {
            try out(Data())
            try output.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
            let input = try FileHandle(forReadingFrom: URL(fileURLWithPath: spool.path))
            defer { try? input.close() }
            while let chunk = try input.read(upToCount: Spool.bufferSize), !chunk.isEmpty {
                try output.write(contentsOf: chunk)
            }
        }
        try TruthJSON.write(
            scenario: recorder.plan.scenario.name, seed: recorder.seed, owner: recorder.ownerParty,
            files: recorder.files, contactItems: recorder.contactItems, contacts: recorder.contactList,
            gaps: recorder.gaps, to: out,
            messages: { try copy(messages) }, replyPairs: { try copy(replyPairs) })
        try output.write(contentsOf: buffer)
        try output.close()
        // Over an earlier truth file of synth's own (the command checked it is one).
        guard rename(partial, path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    /// Removes the spools' directory (after success or failure).
    func discard() {
        try? messages.close()
        try? replyPairs.close()
        try? FileManager.default.removeItem(atPath: work)
    }
}

/// An append-only file holding the inside of one JSON array, written in large chunks.
private final class Spool {
    static let bufferSize = 1 << 20

    let path: String
    private let handle: FileHandle
    private var body = TruthJSON.ArrayBody()
    private var buffer = Data()
    private var closed = false

    init(path: String) throws {
        self.path = path
        handle = try Spool.create(path)
    }

    static func create(_ path: String) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        return try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    func append(_ json: Data) throws {
        buffer.append(body.element(json))
        if buffer.count >= Spool.bufferSize { try flush() }
    }

    func close() throws {
        guard !closed else { return }
        closed = true
        try flush()
        try handle.close()
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
