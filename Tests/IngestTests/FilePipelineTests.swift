import Foundation
import GRDB
import Synchronization
import MailModel
import Testing
import TestSupport
@testable import Ingest
@testable import Store

/// `--jobs N` bounds how many files are read at once, not how many are being written: a file
/// whose reading has ended writes its last batches while the next file is read.
struct FilePipelineTests {
    let scratch = Scratch()
    static let samples = SampleCorpus.packageRoot.appendingPathComponent("samples")

    /// Records the order of events; the first file's writes wait (up to a timeout) for the
    /// second file to start, which only an overlapping importer lets happen.
    final class Recorder: ImportMonitor, @unchecked Sendable {
        let events = Mutex<[String]>([])
        let secondStarted = DispatchSemaphore(value: 0)
        let first: String
        let second: String

        init(first: String, second: String) {
            self.first = first
            self.second = second
        }

        func record(_ event: String) { events.withLock { $0.append(event) } }
        func sessionStarted(id: String, files: Int, bytes: Int64, resumed: Bool) {}
        func fileStarted(path: String, size: Int64, items: Int) {
            record("started \(path)")
            if path == second { secondStarted.signal() }
        }
        func itemsRead(_ count: Int, path: String) { record("read \(path)") }
        func fileFinished(_ outcome: FileOutcome, size: Int64) { record("finished \(outcome.path)") }
        func batchWritten(_ batch: BatchEvent) {
            if batch.path == first, secondStarted.wait(timeout: .now() + 10) == .success { secondStarted.signal() }
        }
    }

    @Test(arguments: [false, true])
    func theNextFileIsReadWhileTheLastOneIsWritten(inWorkers: Bool) throws {
        let first = Self.samples.appendingPathComponent("multi-1.pst").path
        let second = Self.samples.appendingPathComponent("multi-2.pst").path
        let third = Self.samples.appendingPathComponent("multi-3.pst").path
        let store = try AnalyticsStore(path: scratch.path("s.sqlite"))
        let monitor = Recorder(first: first, second: second)
        let options = ImportOptions(paths: [first, second, third], jobs: 1, batchSize: 100_000,
                                    workerExecutable: inWorkers ? Pstscope.binary : nil)
        let session = try Importer(store: store, options: options, monitor: monitor).run()

        let events = monitor.events.withLock { $0 }
        let position = { (event: String) in events.firstIndex(of: event) ?? -1 }
        // The first file's only batch is written after its reading ended, and the second file
        // started meanwhile.
        #expect(position("started \(second)") >= 0)
        #expect(position("started \(second)") < position("finished \(first)"))
        // Still one file read at a time: each file's items come after the previous file's.
        let readers = events.filter { $0.hasPrefix("read ") }
        #expect(readers == readers.sorted { [first, second, third].firstIndex(of: String($0.dropFirst(5)))!
                                             < [first, second, third].firstIndex(of: String($1.dropFirst(5)))! })
        #expect(Set(readers) == ["read \(first)", "read \(second)", "read \(third)"])
        // Nothing was lost to the overlap.
        let files = try store.files(of: session)
        #expect(files.map { $0.status } == [.imported, .imported, .imported])
        let truth = try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.samples.appendingPathComponent("multi.truth.json"))) as? [String: Any]
        let counts = (truth?["files"] as? [[String: Any]] ?? []).map { $0["message_count"] as? Int }
        #expect(counts.count == 3)
        for (path, count) in zip([first, second, third], counts) {
            let read = try store.pool.read { db in
                try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM sightings s JOIN session_files f ON f.source_file_id = s.source_file_id
                    WHERE f.path = ? AND s.kind IN ('email', 'meeting')
                    """, arguments: [path])
            }
            #expect(read == count)
        }
    }

    /// Waits in `fileStarted` until every file has started: only files read at the same time
    /// get past it without the timeout.
    final class Barrier: ImportMonitor, @unchecked Sendable {
        let started = Mutex(0)
        let all = DispatchSemaphore(value: 0)
        let timedOut = Mutex(false)
        let files: Int

        init(files: Int) { self.files = files }

        func sessionStarted(id: String, files: Int, bytes: Int64, resumed: Bool) {}
        func fileStarted(path: String, size: Int64, items: Int) {
            if started.withLock({ count in count += 1; return count }) == files {
                for _ in 0..<files { all.signal() }
            }
            if all.wait(timeout: .now() + 10) == .timedOut { timedOut.withLock { $0 = true } }
        }
        func itemsRead(_ count: Int, path: String) {}
        func fileFinished(_ outcome: FileOutcome, size: Int64) {}
    }

    /// `--jobs 3` reads three files at once even on a machine with fewer cores.
    @Test func asManyFilesAreReadAtOnceAsJobsSays() throws {
        let paths = ["multi-1.pst", "multi-2.pst", "multi-3.pst"].map { Self.samples.appendingPathComponent($0).path }
        let store = try AnalyticsStore(path: scratch.path("s.sqlite"))
        let monitor = Barrier(files: 3)
        let options = ImportOptions(paths: paths, jobs: 3, workerExecutable: Pstscope.binary)
        let session = try Importer(store: store, options: options, monitor: monitor).run()
        #expect(monitor.started.withLock { $0 } == 3)
        #expect(!monitor.timedOut.withLock { $0 })
        #expect(try store.files(of: session).map { $0.status } == [.imported, .imported, .imported])
    }
}
