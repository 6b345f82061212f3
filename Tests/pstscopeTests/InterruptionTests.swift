import Foundation
import GRDB
import Testing
import TestSupport

/// An import killed mid-run leaves a consistent store, shows as interrupted, and `--resume`
/// finishes it with the counts of an uninterrupted run.
@Suite(
    .enabled(if: SampleCorpus.isAvailable, Comment(rawValue: SampleCorpus.missingMessage)))
struct InterruptionTests {
    let scratch = Scratch()

    func json(_ result: CommandResult) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
    }

    func readOnly(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    /// The parts of a session record that must not depend on how the run went.
    func counts(_ report: [String: Any]) -> [String] {
        let scalars = ["total_emails", "processed_emails", "successful_imports", "duplicates_detected",
                       "contacts_created", "other_items"].map { "\($0)=\(report[$0] as? Int ?? -1)" }
        let errors = report["error_summary"] as? [String: Any] ?? [:]
        let files = (report["files"] as? [[String: Any]] ?? []).map {
            "\($0["path"] ?? "") \($0["status"] ?? "") \($0["emails"] ?? "") \($0["new_emails"] ?? "") \($0["items_failed"] ?? "")"
        }
        let kinds = (errors["by_kind"] as? [String: Int] ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return scalars + kinds + files
    }

    /// Rows per table: the store itself must end up as after an uninterrupted run.
    func tableCounts(_ path: String) throws -> [String: Int] {
        try readOnly(path).read { db in
            var counts: [String: Int] = [:]
            for table in ["messages", "recipients", "sightings", "contacts", "contact_aliases", "folders", "source_files",
                          "import_errors"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)")
            }
            return counts
        }
    }

    @Test("killed mid-run, then resumed", arguments: [(SIGKILL, 1), (SIGINT, 1), (SIGKILL, 2)])
    func killAndResume(signal: Int32, jobs: Int) throws {
        let corpus = SampleCorpus.directory.path
        let referenceStore = scratch.path("reference.sqlite")
        let reference = try Pstscope.run(["import", corpus, "--store", referenceStore, "--format", "json"])
        #expect(reference.status == 2)

        let store = scratch.path("interrupted.sqlite")
        let process = try Pstscope.launch(["import", corpus, "--store", store, "--batch-size", "25", "--max-rate", "250",
                                           "--jobs", "\(jobs)"])
        // Wait for a few committed batches, then stop it in the middle of the run.
        let deadline = Date().addingTimeInterval(20)
        var batches = 0
        while batches < 4 && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            batches = (try? readOnly(store).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM batch_metrics") ?? 0 }) ?? 0
        }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(batches >= 4)
        if signal == SIGKILL {
            #expect(process.terminationReason == .uncaughtSignal)
        } else {
            #expect(process.terminationStatus == 130)
        }

        // The store opens cleanly and the session shows as interrupted, part-way.
        #expect(try readOnly(store).read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
        let listed = try Pstscope.run(["sessions", "--store", store, "--format", "json"])
        let sessions = try #require(JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(sessions.count == 1)
        #expect(sessions.first?["status"] as? String == "interrupted")
        let partial = sessions.first?["processed_emails"] as? Int ?? -1
        let full = try json(reference)["processed_emails"] as? Int ?? -1
        #expect(partial > 0 && partial < full)

        let resumed = try Pstscope.run(["import", "--resume", "--store", store, "--format", "json", "--jobs", "\(jobs)"])
        #expect(resumed.status == 2)
        let report = try json(resumed)
        #expect(report["status"] as? String == "completed")
        #expect(report["resumes"] as? Int == 1)
        #expect(report["session_id"] as? String == sessions.first?["session_id"] as? String)
        let expected = counts(try json(reference))
        let actual = counts(report)
        #expect(actual == expected)
        #expect(try tableCounts(store) == tableCounts(referenceStore))

        let again = try Pstscope.run(["import", "--resume", "--store", store])
        #expect(again.status == 1)
        #expect(again.errorLines == ["pstscope: error: there is no interrupted import session to resume"])
    }
}
