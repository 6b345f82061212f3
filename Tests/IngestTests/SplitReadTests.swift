import Foundation
import GRDB
import Synchronization
import MailModel
import Testing
import TestSupport
@testable import Ingest
@testable import Store

/// `--jobs N` with fewer files than jobs reads each file with several workers at once, and the
/// store ends up exactly as with one worker per file.
struct SplitReadTests {
    let scratch = Scratch()
    static let samples = SampleCorpus.packageRoot.appendingPathComponent("samples")

    /// The pids of the workers that read each file.
    final class Workers: ImportMonitor, @unchecked Sendable {
        let started = Mutex<[String: Set<pid_t>]>([:])
        func sessionStarted(id: String, files: Int, bytes: Int64, resumed: Bool) {}
        func fileStarted(path: String, size: Int64, items: Int) {}
        func itemsRead(_ count: Int, path: String) {}
        func fileFinished(_ outcome: FileOutcome, size: Int64) {}
        func workerStarted(path: String, pid: pid_t) { started.withLock { _ = $0[path, default: []].insert(pid) } }
    }

    /// Everything the import stored, by natural keys (row ids and times differ between runs).
    static func contents(_ store: AnalyticsStore, session: String) throws -> [String: [String]] {
        let queries = [
            "messages": """
                SELECT dedup_key, kind, message_class, internet_message_id, in_reply_to, "references",
                       hex(conversation_index), subject, sender_name, sender_email, sent_at, received_at, date, size,
                       attachment_count
                FROM messages ORDER BY dedup_key
                """,
            "recipients": """
                SELECT m.dedup_key, r.position, r.kind, r.name, r.email
                FROM recipients r JOIN messages m ON m.id = r.message_id ORDER BY 1, 2
                """,
            "sightings": """
                SELECT sf.path, s.item_id, m.dedup_key, f.path, s.kind, s.is_new
                FROM sightings s JOIN messages m ON m.id = s.message_id JOIN folders f ON f.id = s.folder_id
                JOIN source_files sf ON sf.id = s.source_file_id ORDER BY 1, 2
                """,
            "folders": """
                SELECT sf.path, f.node_id, f.path, f.item_count, f.is_sent_items
                FROM folders f JOIN source_files sf ON sf.id = f.source_file_id ORDER BY 1, 2
                """,
            "contacts": "SELECT email, display_name FROM contacts ORDER BY email",
            "aliases": """
                SELECT c.email, a.kind, a.value FROM contact_aliases a JOIN contacts c ON c.id = a.contact_id ORDER BY 1, 2, 3
                """,
            "files": """
                SELECT path, status, custodian, error FROM session_files ORDER BY path
                """,
            "errors": "SELECT path, kind, item_id, message FROM import_errors ORDER BY path, item_id, message",
        ]
        var contents = try DatabaseQueue(path: store.path).read { db in
            try queries.mapValues { try Row.fetchAll(db, sql: $0).map(\.description) }
        }
        // The session record, less what only says when and how fast.
        var report = try store.sessionRecord(session)
        report.sessionID = ""
        report.startTime = ""
        report.endTime = nil
        report.batchPerformance = .init(batches: 0, emailsPerMinute: 0, itemsPerSecond: 0, p50BatchMs: 0, p95BatchMs: 0,
                                        maxBatchMs: 0, meanBatchSize: 0, readMs: 0, writeMs: 0, durationSeconds: 0)
        report.errorSummary.examples = report.errorSummary.examples.sorted { "\($0)" < "\($1)" }
        report.files = report.files.map { var file = $0; file.readMs = nil; return file }
        contents["session"] = [String(describing: report)]
        return contents
    }

    func run(_ paths: [String], jobs: Int) throws -> (contents: [String: [String]], workers: [String: Set<pid_t>]) {
        let store = try AnalyticsStore(path: scratch.path("jobs-\(jobs)-\(UUID().uuidString).sqlite"))
        let monitor = Workers()
        let options = ImportOptions(paths: paths, jobs: jobs, batchSize: 500, workerExecutable: Pstscope.binary)
        let session = try Importer(store: store, options: options, monitor: monitor).run()
        return (try Self.contents(store, session: session), monitor.started.withLock { $0 })
    }

    /// Files read at the same time meet a shared correspondent in either order, so with several
    /// files only the name a contact is first seen under may differ (as with `--jobs 2` and two
    /// files, split or not); within one file the parts keep the walk's order exactly.
    @Test(arguments: [(["gappy"], 3), (["hostile"], 2), (["hostile", "multi-1"], 4)])
    func partsOfAFileStoreWhatOneWorkerStores(names: [String], jobs: Int) throws {
        let paths = names.map { Self.samples.appendingPathComponent("\($0).pst").path }
        let (one, oneWorkers) = try run(paths, jobs: 1)
        let (split, splitWorkers) = try run(paths, jobs: jobs)

        #expect(oneWorkers.mapValues(\.count) == Dictionary(uniqueKeysWithValues: paths.map { ($0, 1) }))
        let parts = jobs / paths.count
        #expect(splitWorkers.mapValues(\.count) == Dictionary(uniqueKeysWithValues: paths.map { ($0, parts) }))
        #expect(one["messages"]!.count > 250)
        #expect(one["sightings"]!.count >= one["messages"]!.count)
        for table in one.keys.sorted() {
            let compare = { (rows: [String]?) in
                names.count == 1 || table != "contacts" ? rows : rows?.map { $0.replacing(/display_name:.*/, with: "") }
            }
            #expect(compare(split[table]) == compare(one[table]), "\(table) differs")
        }
    }
}
