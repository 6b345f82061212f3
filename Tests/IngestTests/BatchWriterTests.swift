import Foundation
import GRDB
import MailModel
import Testing
import TestSupport
@testable import Ingest
@testable import Store

/// Batches are written on the writer's queue while the next one fills: every batch arrives, in
/// order, and a failed write stops the file's writing and reaches the reader.
struct BatchWriterTests {
    let scratch = Scratch()

    func message(_ item: UInt32) -> IncomingMessage {
        IncomingMessage(
            itemID: item, folderID: 1, dedupKey: "mid:<\(item)@example.com>", kind: .email, messageClass: "IPM.Note",
            internetMessageID: "<\(item)@example.com>", inReplyTo: nil, references: [], conversationIndex: nil,
            subject: "s", senderName: "Jane", senderEmail: "jane@example.com", sentAt: 1_700_000_000 + Int64(item),
            receivedAt: nil, size: 10, attachmentCount: 0,
            recipients: [IncomingRecipient(kind: .to, name: nil, email: "bob@example.com")])
    }

    /// A store with a session and one file begun, and a writer of `size`-item batches for it.
    func makeWriter(size: Int, mayRepeat: Bool = true) throws -> (AnalyticsStore, BatchWriter) {
        let store = try AnalyticsStore(path: scratch.path("s.sqlite"))
        let session = try store.startSession(command: "test", custodian: nil, jobs: 1)
        try store.addFiles(["/data/a.pst"], to: session)
        let facts = SourceFileFacts(fingerprint: "a", path: "/data/a.pst", size: 1, format: "Unicode 64-bit",
                                    contentType: "pst", encryption: "none", displayName: nil)
        guard case .read(let file, _) = try store.beginFile("/data/a.pst", facts: facts, session: session) else {
            throw StoreError.other("file not read")
        }
        var template = Batch(sessionID: session, path: "/data/a.pst", sourceFileID: file,
                             folders: [IncomingFolder(nodeID: 1, path: "Inbox", itemCount: 10, isSentItems: false)])
        template.mayRepeat = mayRepeat
        return (store, BatchWriter(store: store, template: template, size: size, monitor: SilentMonitor()))
    }

    func count(_ sql: String, _ store: AnalyticsStore) throws -> Int {
        try store.pool.read { try Int.fetchOne($0, sql: sql) ?? 0 }
    }

    @Test func everyBatchIsWrittenInOrder() throws {
        let (store, made) = try makeWriter(size: 3)
        var writer = made
        for item in 1...10 { try writer.add(message(UInt32(item))) }
        try writer.flush()
        #expect(writer.totals.written == 10)
        #expect(try count("SELECT COUNT(*) FROM messages", store) == 10)
        #expect(try count("SELECT COUNT(*) FROM batch_metrics", store) == 4)
        // Written in the order read: ids follow the items.
        #expect(try count("SELECT COUNT(*) FROM sightings s JOIN messages m ON m.id = s.message_id WHERE m.id != s.item_id",
                          store) == 0)
    }

    @Test func aFailedWriteStopsTheRestAndReachesTheReader() throws {
        // The second batch holds item 3 twice: its sighting breaks the primary key, and the batch
        // is rolled back. The third batch must not be written after it.
        let (store, made) = try makeWriter(size: 2, mayRepeat: false)
        var writer = made
        var thrown: StoreError? = nil
        do {
            for item: UInt32 in [1, 2, 3, 3, 5, 6] { try writer.add(message(item)) }
            try writer.flush()
        } catch {
            thrown = error
        }
        #expect(thrown != nil)
        #expect(try count("SELECT COUNT(*) FROM messages", store) == 2)
        #expect(try count("SELECT COUNT(*) FROM sightings WHERE item_id > 2", store) == 0)
        #expect(writer.totals.written == 2)
        // The failure stays: a later flush does not write either.
        #expect(throws: StoreError.self) { try writer.flush() }
        #expect(try count("SELECT COUNT(*) FROM messages", store) == 2)
    }
}
