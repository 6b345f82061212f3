import Foundation
import GRDB
import Testing
import TestSupport

/// A worker that crashes or hangs fails its own file with the cause; every other file is
/// imported exactly as a clean run imports it, and the run exits 2.
struct WorkerIsolationTests {
    let scratch = Scratch()
    static let samples = ["hostile", "multi-1", "gappy", "multi-3"].map {
        SampleCorpus.packageRoot.appendingPathComponent("samples/\($0).pst").path
    }

    /// Per file: status, emails and new emails, from `pstscope session --format json`.
    func files(_ store: String) throws -> [String: (status: String, emails: Int, error: String?)] {
        let result = try Pstscope.run(["sessions", "--store", store, "--format", "json"])
        let sessions = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let files = try #require(sessions.last?["files"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: files.map {
            ($0["path"] as! String, ($0["status"] as! String, $0["emails"] as? Int ?? -1, $0["error"] as? String))
        })
    }

    func cleanRun() throws -> [String: (status: String, emails: Int, error: String?)] {
        let store = scratch.path("clean.sqlite")
        let result = try Pstscope.run(["import"] + Self.samples + ["--store", store, "--in-process", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        return try files(store)
    }

    func faultyRun(_ fault: String, extra: [String] = []) throws -> (CommandResult, [String: (status: String, emails: Int, error: String?)]) {
        let store = scratch.path("\(fault).sqlite")
        let result = try Pstscope.run(
            ["import"] + Self.samples + ["--store", store, "--jobs", "2"] + extra,
            environment: ["PSTSCOPE_WORKER_FAULT": fault, "PSTSCOPE_WORKER_FAULT_FILE": "gappy",
                          "PSTSCOPE_WORKER_FAULT_AFTER": "200"])
        return (result, try files(store))
    }

    func expectOthersExact(_ files: [String: (status: String, emails: Int, error: String?)]) throws {
        let clean = try cleanRun()
        for path in Self.samples where !path.contains("gappy") {
            #expect(files[path]?.status == "imported", "\(path)")
            #expect(files[path]?.emails == clean[path]?.emails, "\(path)")
        }
    }

    @Test func aCrashingWorkerFailsOnlyItsFile() throws {
        let (result, files) = try faultyRun("crash")
        #expect(result.status == 2, "\(result.stderr)")
        let gappy = try #require(files.first { $0.key.contains("gappy") }?.value)
        #expect(gappy.status == "failed")
        #expect(gappy.error?.contains("crashed: SIGSEGV (signal 11)") == true, "\(gappy.error ?? "")")
        #expect(result.errorLines.contains { $0.contains("gappy.pst") && $0.contains("SIGSEGV") })
        #expect(!result.stderr.contains("Backtracing"), "the worker's crash report stays out of the run's output")
        try expectOthersExact(files)
    }

    @Test func aHangingWorkerIsStoppedAfterTheTimeout() throws {
        let started = Date()
        let (result, files) = try faultyRun("hang", extra: ["--worker-timeout", "2"])
        #expect(result.status == 2, "\(result.stderr)")
        let gappy = try #require(files.first { $0.key.contains("gappy") }?.value)
        #expect(gappy.status == "failed")
        #expect(gappy.error?.contains("no progress for 2 s") == true, "\(gappy.error ?? "")")
        #expect(Date().timeIntervalSince(started) < 60)
        try expectOthersExact(files)
    }

    @Test func aWorkerStreamIsTheSameImportAsInProcess() throws {
        let store = scratch.path("workers.sqlite")
        let result = try Pstscope.run(["import"] + Self.samples + ["--store", store, "--jobs", "2", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        // Every stored column of every message equals the in-process import's.
        _ = try cleanRun()
        let columns = """
            dedup_key, kind, message_class, internet_message_id, in_reply_to, "references", hex(conversation_index),
            subject, sender_name, sender_email, sent_at, received_at, size, attachment_count, bulk,
            (SELECT group_concat(kind || '|' || IFNULL(name, '') || '|' || IFNULL(email, ''), ';')
             FROM recipients r WHERE r.message_id = m.id ORDER BY position)
            """
        func rows(_ path: String) throws -> [String] {
            try DatabaseQueue(path: path).read { db in
                try Row.fetchAll(db, sql: "SELECT \(columns) FROM messages m ORDER BY dedup_key").map { "\($0)" }
            }
        }
        let viaWorkers = try rows(store)
        #expect(viaWorkers.count > 1900)
        #expect(viaWorkers == (try rows(scratch.path("clean.sqlite"))))
    }
}

/// One file read by several workers at once: a part that crashes fails the file as a single
/// worker's crash does, keeps what was read, and stops the file's other parts.
struct SplitFileIsolationTests {
    let scratch = Scratch()

    @Test func aCrashingPartFailsItsFileAndKeepsWhatWasRead() throws {
        let gappy = SampleCorpus.packageRoot.appendingPathComponent("samples/gappy.pst").path
        let store = scratch.path("split-crash.sqlite")
        let started = Date()
        let result = try Pstscope.run(
            ["import", gappy, "--store", store, "--jobs", "3"],
            environment: ["PSTSCOPE_WORKER_FAULT": "crash", "PSTSCOPE_WORKER_FAULT_FILE": "gappy",
                          "PSTSCOPE_WORKER_FAULT_AFTER": "150"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(Date().timeIntervalSince(started) < 60)
        let (status, error, kept) = try DatabaseQueue(path: store).read { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT status, error FROM session_files"))
            return (row["status"] as String, row["error"] as String?,
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sightings")!)
        }
        #expect(status == "failed")
        #expect(error?.contains("crashed: SIGSEGV (signal 11)") == true, "\(error ?? "")")
        // Each part crashes after its first 150 (what it had not yet sent is lost with it); what
        // reached the importer is kept, and the cause says how much.
        #expect(kept < 1000, "\(kept)")
        if kept > 0 { #expect(error?.contains("\(kept) items read before it are kept") == true, "\(error ?? "")") }
        #expect(result.errorLines.filter { $0.contains("gappy.pst") }.count == 1, "\(result.stderr)")
    }
}
