import Foundation
import GRDB
import Synchronization
import Testing
import TestSupport
@testable import Ingest
@testable import Store

/// An import at least as large as the store writes without the indexes only the analyses read,
/// and the store has them again whenever the import ends, stops, or died and the store is
/// opened again. A small import into a larger store keeps them throughout.
struct AnalysisIndexesTests {
    let scratch = Scratch()
    static let samples = SampleCorpus.packageRoot.appendingPathComponent("samples")

    /// Whether the indexes were there at each batch, and optionally stops the run at the first.
    final class Watcher: ImportMonitor, @unchecked Sendable {
        let store: AnalyticsStore
        let control: RunControl?
        let seen = Mutex<[Bool]>([])
        init(_ store: AnalyticsStore, stopping control: RunControl? = nil) {
            self.store = store
            self.control = control
        }
        func sessionStarted(id: String, files: Int, bytes: Int64, resumed: Bool) {}
        func fileStarted(path: String, size: Int64, items: Int) {}
        func itemsRead(_ count: Int, path: String) {}
        func fileFinished(_ outcome: FileOutcome, size: Int64) {}
        func batchWritten(_ batch: BatchEvent) {
            let present = (try? store.hasAnalysisIndexes()) ?? true
            seen.withLock { $0.append(present) }
            control?.requestStop()
        }
    }

    /// The indexes by name, read straight from the file.
    static func indexes(_ path: String) throws -> Set<String> {
        try DatabaseQueue(path: path).read { db in
            Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'messages_by_%'"))
        }
    }

    static let analysisIndexes: Set<String> = ["messages_by_internet_id", "messages_by_conversation_index"]

    func sample(_ name: String) -> String { Self.samples.appendingPathComponent("\(name).pst").path }

    func importing(_ names: [String], into store: AnalyticsStore, control: RunControl = RunControl(),
                   stopping: Bool = false) throws -> [Bool] {
        let watcher = Watcher(store, stopping: stopping ? control : nil)
        let options = ImportOptions(paths: names.map(sample), batchSize: 200, workerExecutable: Pstscope.binary)
        _ = try Importer(store: store, options: options, monitor: watcher, control: control).run()
        return watcher.seen.withLock { $0 }
    }

    @Test func aLargeImportWritesWithoutThemAndEndsWithThem() throws {
        let path = scratch.path("store.sqlite")
        let store = try AnalyticsStore(path: path)
        #expect(try Self.indexes(path).isSuperset(of: Self.analysisIndexes))
        let seen = try importing(["steady"], into: store)
        #expect(seen.count > 3)
        #expect(seen.allSatisfy { !$0 })
        #expect(try Self.indexes(path).isSuperset(of: Self.analysisIndexes))
    }

    @Test func aSmallImportIntoALargerStoreKeepsThem() throws {
        let path = scratch.path("store.sqlite")
        let store = try AnalyticsStore(path: path)
        _ = try importing(["steady", "gappy", "hostile", "multi-1"], into: store)
        let storeBytes = try DatabaseQueue(path: path).read { db in
            try Int64.fetchOne(db, sql: "PRAGMA page_count")! * Int64.fetchOne(db, sql: "PRAGMA page_size")!
        }
        let fileBytes = try FileManager.default.attributesOfItem(atPath: sample("multi-3"))[.size] as! NSNumber
        try #require(storeBytes > fileBytes.int64Value)
        let seen = try importing(["multi-3"], into: store)
        #expect(!seen.isEmpty)
        #expect(seen.allSatisfy { $0 })
    }

    @Test func aStoppedImportLeavesThemInPlace() throws {
        let path = scratch.path("store.sqlite")
        let store = try AnalyticsStore(path: path)
        let seen = try importing(["steady"], into: store, stopping: true)
        #expect(seen.first == false)
        #expect(try store.latestInterruptedSession()?.status == .interrupted)
        #expect(try Self.indexes(path).isSuperset(of: Self.analysisIndexes))
    }

    @Test func aStoreLeftWithoutThemHasThemOnceOpened() throws {
        let path = scratch.path("store.sqlite")
        do {
            let store = try AnalyticsStore(path: path)
            #expect(try store.deferAnalysisIndexes(reading: .max))
            // The process dies here: nothing puts them back.
        }
        #expect(try Self.indexes(path).isDisjoint(with: Self.analysisIndexes))
        _ = try AnalyticsStore(path: path)
        #expect(try Self.indexes(path).isSuperset(of: Self.analysisIndexes))
    }
}
