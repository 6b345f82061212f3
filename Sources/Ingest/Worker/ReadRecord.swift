import Foundation
import MailModel

/// What the read stage hands to the persist stage for one file, in order: `opened` (or
/// `failed`), then folders, messages and problems as the walk meets them, then `finished`.
/// In a worker process these travel as `Wire` frames; in process they are passed directly.
enum ReadRecord: Sendable, Equatable {
    /// The file opened: its facts (fingerprint included) and how many items its folders list.
    case opened(OpenedFile)
    case folder(IncomingFolder)
    case message(IncomingMessage)
    /// An item that could not be read, or a property that could not (the item is kept).
    case problem(IncomingError)
    /// The walk ended: the file's X.500 → SMTP map, and the error that stopped the walk early.
    case finished(x500: [String: String], fatal: String?)
    /// The file could not be opened at all.
    case failed(kind: ImportErrorKind, message: String)
}

struct OpenedFile: Sendable, Equatable {
    var facts: SourceFileFacts
    var itemTotal: Int
    /// Set when the header declares more bytes than the file has.
    var truncation: String?
}

extension ReadRecord {
    private enum Tag: UInt8 {
        case opened = 1, folder, message, problem, finished, failed
    }

    func encode(into wire: inout WireWriter) {
        switch self {
        case .opened(let file):
            wire.beginFrame(Tag.opened.rawValue)
            let facts = file.facts
            wire.string(facts.fingerprint)
            wire.string(facts.path)
            wire.int(facts.size)
            wire.string(facts.format)
            wire.string(facts.contentType)
            wire.string(facts.encryption)
            wire.string(facts.displayName)
            wire.int(file.itemTotal)
            wire.string(file.truncation)
        case .folder(let folder):
            wire.beginFrame(Tag.folder.rawValue)
            wire.varint(UInt64(folder.nodeID))
            wire.string(folder.path)
            wire.int(folder.itemCount)
            wire.bool(folder.isSentItems)
        case .message(let message):
            wire.beginFrame(Tag.message.rawValue)
            Self.encode(message, into: &wire)
        case .problem(let error):
            wire.beginFrame(Tag.problem.rawValue)
            wire.int(error.itemID.map(Int64.init))
            wire.int(error.itemIndex)
            wire.string(error.folderPath)
            wire.name(error.kind)
            wire.string(error.message)
            wire.bool(error.itemFailed)
        case .finished(let x500, let fatal):
            wire.beginFrame(Tag.finished.rawValue)
            wire.varint(UInt64(x500.count))
            for (dn, smtp) in x500 {
                wire.string(dn)
                wire.string(smtp)
            }
            wire.string(fatal)
        case .failed(let kind, let message):
            wire.beginFrame(Tag.failed.rawValue)
            wire.name(kind)
            wire.string(message)
        }
        wire.endFrame()
    }

    /// The first frame of `stream` (length included) and how many bytes it took, nil while the
    /// frame has not fully arrived. A frame of length 0 or one that does not decode throws.
    /// The stream reader's one way in, so that tests and the fuzzing harness read frames as it does.
    static func nextFrame(in stream: UnsafeRawBufferPointer) throws(WireReader.Malformed) -> (record: ReadRecord, size: Int)? {
        guard stream.count >= 4 else { return nil }
        let length = Int(UInt32(littleEndian: stream.loadUnaligned(as: UInt32.self)))
        guard length > 0 else { throw WireReader.Malformed() }
        guard stream.count - 4 >= length else { return nil }
        return (try decode(UnsafeRawBufferPointer(rebasing: stream[4..<(4 + length)])), 4 + length)
    }

    /// Decodes one frame (type byte and payload, without the length).
    static func decode(_ frame: UnsafeRawBufferPointer) throws(WireReader.Malformed) -> ReadRecord {
        var wire = WireReader(frame)
        guard let tag = Tag(rawValue: try wire.byte()) else { throw WireReader.Malformed() }
        let record: ReadRecord
        switch tag {
        case .opened:
            let facts = SourceFileFacts(
                fingerprint: try wire.string(), path: try wire.string(), size: try wire.int(),
                format: try wire.string(), contentType: try wire.string(), encryption: try wire.string(),
                displayName: try wire.optionalString())
            record = .opened(OpenedFile(facts: facts, itemTotal: try wire.int(), truncation: try wire.optionalString()))
        case .folder:
            record = .folder(IncomingFolder(
                nodeID: UInt32(truncatingIfNeeded: try wire.varint()), path: try wire.string(),
                itemCount: try wire.int(), isSentItems: try wire.bool()))
        case .message:
            record = .message(try decodeMessage(&wire))
        case .problem:
            record = .problem(IncomingError(
                itemID: try wire.optionalInt().map { UInt32(truncatingIfNeeded: $0) },
                itemIndex: try wire.optionalInt().map { Int($0) }, folderPath: try wire.optionalString(),
                kind: try wire.name(), message: try wire.string(), itemFailed: try wire.bool()))
        case .finished:
            var map: [String: String] = [:]
            for _ in 0..<(try wire.varint()) {
                let dn = try wire.string()
                map[dn] = try wire.string()
            }
            record = .finished(x500: map, fatal: try wire.optionalString())
        case .failed:
            record = .failed(kind: try wire.name(), message: try wire.string())
        }
        guard wire.isAtEnd else { throw WireReader.Malformed() }
        return record
    }

    private static func encode(_ message: IncomingMessage, into wire: inout WireWriter) {
        wire.varint(UInt64(message.itemID))
        wire.varint(UInt64(message.folderID))
        wire.string(message.dedupKey)
        wire.name(message.kind)
        wire.string(message.messageClass)
        wire.string(message.internetMessageID)
        wire.string(message.inReplyTo)
        wire.varint(UInt64(message.references.count))
        for reference in message.references { wire.string(reference) }
        wire.data(message.conversationIndex)
        wire.string(message.subject)
        wire.string(message.senderName)
        wire.string(message.senderEmail)
        wire.int(message.sentAt)
        wire.int(message.receivedAt)
        wire.int(message.size)
        wire.int(message.attachmentCount)
        wire.varint(UInt64(message.recipients.count))
        for recipient in message.recipients {
            wire.name(recipient.kind)
            wire.string(recipient.name)
            wire.string(recipient.email)
        }
        wire.bool(message.isBulk)
        wire.int(message.dateOffset?.minutes)
    }

    private static func decodeMessage(_ wire: inout WireReader) throws(WireReader.Malformed) -> IncomingMessage {
        let itemID = UInt32(truncatingIfNeeded: try wire.varint())
        let folderID = UInt32(truncatingIfNeeded: try wire.varint())
        let dedupKey = try wire.string()
        let kind: ItemKind = try wire.name()
        let messageClass = try wire.optionalString()
        let internetMessageID = try wire.optionalString()
        let inReplyTo = try wire.optionalString()
        var references: [String] = []
        for _ in 0..<(try wire.varint()) { references.append(try wire.string()) }
        let conversationIndex = try wire.optionalData()
        let subject = try wire.optionalString()
        let senderName = try wire.optionalString()
        let senderEmail = try wire.optionalString()
        let sentAt = try wire.optionalInt()
        let receivedAt = try wire.optionalInt()
        let size = try wire.optionalInt().map { Int($0) }
        let attachmentCount: Int = try wire.int()
        var recipients: [IncomingRecipient] = []
        for _ in 0..<(try wire.varint()) {
            recipients.append(IncomingRecipient(
                kind: try wire.name(), name: try wire.optionalString(), email: try wire.optionalString()))
        }
        return IncomingMessage(
            itemID: itemID, folderID: folderID, dedupKey: dedupKey, kind: kind, messageClass: messageClass,
            internetMessageID: internetMessageID, inReplyTo: inReplyTo, references: references,
            conversationIndex: conversationIndex, subject: subject, senderName: senderName,
            senderEmail: senderEmail, sentAt: sentAt, receivedAt: receivedAt, size: size,
            attachmentCount: attachmentCount, recipients: recipients, isBulk: try wire.bool(),
            dateOffset: try wire.optionalInt().flatMap { UTCOffset(minutes: Int($0)) })
    }
}
