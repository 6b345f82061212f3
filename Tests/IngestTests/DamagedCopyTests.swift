import Foundation
import GRDB
import MailModel
import Testing
import TestSupport
@testable import Ingest
@testable import Store

/// Two inputs of one session are one file only when they hold the same bytes. A copy damaged
/// between its first and last MiB, where the sampled fingerprint does not look, is read as a
/// file of its own; its original, met after it, is not skipped and keeps all its mail.
struct DamagedCopyTests {
    let scratch = Scratch()
    static let original = SampleCorpus.packageRoot.appendingPathComponent("samples/steady.pst").path

    /// steady.pst with 64 KiB zeroed halfway through: its size and first and last MiB unchanged.
    func damagedCopy() throws -> String {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: Self.original))
        let middle = bytes.count / 2 / 512 * 512
        bytes.replaceSubrange(middle..<middle + 65536, with: Data(count: 65536))
        return try scratch.file("damaged/steady.pst", bytes)
    }

    func importFiles(_ paths: [String], into name: String) throws -> (AnalyticsStore, SessionRecord) {
        let store = try AnalyticsStore(path: scratch.path(name))
        let session = try Importer(store: store, options: ImportOptions(paths: paths, jobs: 1)).run()
        return (store, try store.sessionRecord(session))
    }

    @Test func aDamagedCopyMetFirstCostsItsOriginalNothing() throws {
        let damaged = try damagedCopy()
        let size = Int64(try Data(contentsOf: URL(fileURLWithPath: Self.original)).count)
        #expect(try Fingerprint.of(path: damaged, size: size) == Fingerprint.of(path: Self.original, size: size))
        let exactCopy = try scratch.file("copy/steady.pst", Data(contentsOf: URL(fileURLWithPath: Self.original)))

        let (_, alone) = try importFiles([Self.original], into: "alone.sqlite")
        let (store, together) = try importFiles([damaged, Self.original, exactCopy], into: "together.sqlite")
        let files = Dictionary(uniqueKeysWithValues: together.files.map { ($0.path, $0) })
        #expect(files[damaged]?.status != .skipped)
        #expect(files[Self.original]?.status == .imported)
        #expect(files[Self.original]?.emails == alone.files.first?.emails)
        #expect(files[exactCopy]?.status == .skipped)
        #expect(files[exactCopy]?.error == "same content as \(Self.original)")
        // Each source file keeps the path it was read from, not the path of a copy skipped after it.
        let paths = try store.pool.read { try String.fetchAll($0, sql: "SELECT path FROM source_files ORDER BY id") }
        #expect(paths == [damaged, Self.original])
    }
}
