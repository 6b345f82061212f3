import Foundation
import GRDB
import Testing
import TestSupport

/// A session is running while its process holds the session's lock beside the store, and
/// only then: a process id the system has handed to another process proves nothing.
@Suite struct SessionLockTests {
    let scratch = Scratch()
    var store: String { scratch.path("store.sqlite") }
    static let samples = SampleCorpus.packageRoot.appendingPathComponent("samples")
    var multi: [String] { (1...3).map { Self.samples.appendingPathComponent("multi-\($0).pst").path } }

    func database() throws -> DatabaseQueue { try DatabaseQueue(path: store) }

    /// For watching a run: read-only, so that it neither creates the store before pstscope does
    /// nor locks it while pstscope sets it up.
    func watching() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: store, configuration: configuration)
    }

    /// An import killed part-way through: its session is left `running` in the store.
    func killedImport() throws -> String {
        let errors = URL(fileURLWithPath: scratch.path("killed-import.err"))
        let process = try Pstscope.launch(["import"] + multi + ["--store", store, "--jobs", "1", "--batch-size", "20",
                                                                 "--max-rate", "300", "--quiet"], stderr: errors)
        let deadline = Date().addingTimeInterval(30)
        var batches = 0
        while batches < 3 && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            batches = (try? watching().read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM batch_metrics") ?? 0 }) ?? 0
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(batches >= 3, "the import said: \((try? String(contentsOf: errors, encoding: .utf8)) ?? "")")
        return try #require(try database().read { try String.fetchOne($0, sql: "SELECT id FROM import_sessions") })
    }

    @Test func aDeadSessionWhosePidWasReusedIsInterrupted() throws {
        let session = try killedImport()
        // The dead session's pid now names a live process: this one.
        try database().write {
            try $0.execute(sql: "UPDATE import_sessions SET status = 'running', pid = ? WHERE id = ?",
                           arguments: [getpid(), session])
        }
        let listed = try Pstscope.run(["sessions", "--store", store, "--format", "json"])
        let sessions = try #require(JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(sessions.first?["status"] as? String == "interrupted")
        let resumed = try Pstscope.run(["import", "--resume", "--store", store, "--quiet"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try database().read { try String.fetchOne($0, sql: "SELECT status FROM import_sessions") } == "completed")
    }

    @Test func twoResumesAtOnceOneRunsTheOtherSaysWho() throws {
        let session = try killedImport()
        // Each resume reads slowly, so that both are under way at once.
        let slow = ["PSTSCOPE_WORKER_FAULT": "slow:5", "PSTSCOPE_WORKER_FAULT_FILE": "multi"]
        let outputs = (0..<2).map { URL(fileURLWithPath: scratch.path("resume-\($0).err")) }
        let runs = try outputs.map {
            try Pstscope.launch(["import", "--resume", "--store", store, "--quiet"], environment: slow, stderr: $0)
        }
        for run in runs { run.waitUntilExit() }
        let statuses = runs.map(\.terminationStatus).sorted()
        #expect(statuses == [0, 1])
        let loser = try #require(runs.firstIndex { $0.terminationStatus == 1 })
        let winner = runs[1 - loser].processIdentifier
        let errors = try String(contentsOf: outputs[loser], encoding: .utf8).split(separator: "\n")
            .filter { $0.hasPrefix("pstscope: error: ") }
        #expect(errors.count == 1)
        #expect(errors.first?.contains("session \(session) is running in process \(winner)") == true, "\(errors)")
        #expect(try database().read { try String.fetchOne($0, sql: "SELECT status FROM import_sessions") } == "completed")
    }

    /// Into a new store too: the two set it up one after the other (a race each round was
    /// likely to lose before: "database is locked", "table … already exists").
    @Test func twoPlainImportsAtOnceBothComplete() throws {
        for round in 0..<4 {
            let store = scratch.path("round-\(round).sqlite")
            let errors = (0..<2).map { URL(fileURLWithPath: scratch.path("import-\(round)-\($0).err")) }
            let runs = try [multi[0], multi[1]].enumerated().map { index, path in
                try Pstscope.launch(["import", path, "--store", store, "--quiet"], stderr: errors[index])
            }
            for run in runs { run.waitUntilExit() }
            let stderr = errors.map { (try? String(contentsOf: $0, encoding: .utf8)) ?? "" }
            #expect(runs.map(\.terminationStatus) == [0, 0], "round \(round): \(stderr)")
            let statuses = try DatabaseQueue(path: store).read {
                try String.fetchAll($0, sql: "SELECT status FROM import_sessions")
            }
            #expect(statuses == ["completed", "completed"])
        }
    }
}
