import Foundation
import GRDB
import Testing
import TestSupport

/// A store that a newer pstscope migrated is refused, with both schema versions named, and
/// left byte for byte as it was.
@Suite struct StoreVersionTests {
    let scratch = Scratch()
    var store: String { scratch.path("store.sqlite") }

    @Test func aNewerStoreIsRefusedAndNeverWritten() throws {
        let sample = SampleCorpus.packageRoot.appendingPathComponent("samples/steady.pst").path
        #expect(try Pstscope.run(["import", sample, "--store", store, "--quiet"]).status == 0)
        // What this pstscope migrated the store to, read from the store itself.
        let known = try DatabaseQueue(path: store).write { db in
            let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99 a later pstscope')")
            return applied
        }
        #expect(known.count >= 9)
        let before = try Data(contentsOf: URL(fileURLWithPath: store))
        for command in [["sessions"], ["senders"], ["import", sample], ["report", "--out", scratch.path("report")]] {
            let result = try Pstscope.run(command + ["--store", store])
            #expect(result.status == 1, "\(command)")
            #expect(result.errorLines.count == 1, "\(command): \(result.stderr)")
            let line = result.errorLines.first ?? ""
            #expect(line.contains("newer pstscope") && line.contains("version \(known.count + 1) (v99 a later pstscope)")
                    && line.contains("version \(known.count) (\(known.last ?? ""))"), "\(line)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before)
        #expect(!FileManager.default.fileExists(atPath: scratch.path("report")))
    }
}

/// A filter that matches nothing in the store is an error naming it, not an empty result.
@Suite struct UnknownFilterTests {
    let scratch = Scratch()
    var store: String { scratch.path("store.sqlite") }

    @Test func anUnknownCustodianOrSessionIsNamed() throws {
        let samples = SampleCorpus.packageRoot.appendingPathComponent("samples")
        for name in ["steady", "gappy"] {
            let result = try Pstscope.run(["import", samples.appendingPathComponent("\(name).pst").path,
                                           "--store", store, "--custodian", name, "--quiet"])
            #expect(result.status == 0, "\(result.stderr)")
        }
        for command in [["senders", "--custodian", "nobody"], ["gaps", "--custodian", "nobody"],
                        ["gaps", "--custodian", "nobody", "--format", "json"]] {
            let result = try Pstscope.run(command + ["--store", store])
            #expect(result.status == 1, "\(command)")
            #expect(result.stdout.isEmpty)
            #expect(result.errorLines == ["pstscope: error: no custodian \"nobody\" in \(store): its custodians: gappy, steady"],
                    "\(command)")
        }
        let contact = try Pstscope.run(["gaps", "--contact", "nobody@nowhere.example", "--store", store])
        #expect(contact.status == 1 && contact.errorLines.count == 1)
        #expect(contact.errorLines.first?.contains("nobody@nowhere.example") == true)

        let report = try Pstscope.run(["report", "--session", "import_19990101_000000", "--store", store,
                                       "--out", scratch.path("report")])
        #expect(report.status == 1)
        #expect(report.errorLines.count == 1 && report.errorLines.first?.contains("import_19990101_000000") == true)
        // Known names still work, in any case.
        #expect(try Pstscope.run(["senders", "--custodian", "Steady", "--store", store]).status == 0)
    }
}
