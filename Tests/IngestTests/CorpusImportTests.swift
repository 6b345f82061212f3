import Foundation
import GRDB
import MailModel
import Testing
import TestSupport
@testable import Ingest
@testable import Store

/// Importing the real samples: the acceptance checks of the import pipeline.
@Suite(.enabled(if: SampleCorpus.isAvailable, Comment(rawValue: SampleCorpus.missingMessage)))
struct CorpusImportTests {
    let scratch = Scratch()

    func importCorpus(into store: AnalyticsStore, jobs: Int = 1) throws -> SessionRecord {
        let id = try Importer(store: store, options: ImportOptions(paths: [SampleCorpus.directory.path], jobs: jobs)).run()
        return try store.sessionRecord(id)
    }

    func count(_ table: String, _ store: AnalyticsStore) throws -> Int {
        try store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    @Test("each file's email count equals the manifest; unopenable files fail with a reason")
    func perFileCounts() throws {
        let store = try AnalyticsStore(path: scratch.path("store.sqlite"))
        let report = try importCorpus(into: store)
        #expect(report.status == .completed)
        #expect(report.files.count == SampleCorpus.entries.count)
        for entry in SampleCorpus.entries {
            let file = try #require(report.files.first { $0.path.hasSuffix("/" + entry.file) }, "\(entry.file)")
            if entry.libpffOpens {
                #expect(file.emails == entry.emails, "\(entry.file)")
                if file.status != .failed {
                    #expect(file.itemsFailed == entry.itemsLibpffCouldNotRead, "\(entry.file)")
                }
            } else {
                #expect(file.status == .failed, "\(entry.file)")
                let reason = try #require(file.error)
                #expect(!reason.isEmpty && !reason.contains("\n"), "\(entry.file)")
            }
        }
        // Items libpff cannot read are counted, not lost: in every file that could be walked.
        let walked = SampleCorpus.entries.filter { entry in
            report.files.contains { $0.path.hasSuffix("/" + entry.file) && $0.status != .failed }
        }
        #expect(report.errorSummary.byKind["unreadable_item"] == walked.reduce(0) { $0 + $1.itemsLibpffCouldNotRead })
        #expect(report.errorSummary.itemsFailed == report.errorSummary.byKind["unreadable_item"])
        #expect(report.totalEmails == SampleCorpus.entries.reduce(0) { $0 + $1.emails })
        #expect(report.successfulImports + report.duplicatesDetected == report.processedEmails)
    }

    @Test("a second session of the same files finds only duplicates and writes nothing new")
    func reimportIsAllDuplicates() throws {
        let store = try AnalyticsStore(path: scratch.path("store.sqlite"))
        let first = try importCorpus(into: store)
        let messages = try count("messages", store)
        let contacts = try count("contacts", store)
        let recipients = try count("recipients", store)
        let second = try importCorpus(into: store)
        #expect(second.sessionID != first.sessionID)
        #expect(second.successfulImports == 0)
        #expect(second.duplicatesDetected == second.totalEmails)
        #expect(second.totalEmails == first.totalEmails)
        #expect(second.contactsCreated == 0)
        #expect(try count("messages", store) == messages)
        #expect(try count("contacts", store) == contacts)
        #expect(try count("recipients", store) == recipients)
        // The first session's record is untouched by the second.
        #expect(try store.sessionRecord(first.sessionID).successfulImports == first.successfulImports)
    }

    @Test("Exchange senders of the OST resolve to SMTP wherever the file carries it")
    func exchangeSendersResolved() throws {
        let entry = try #require(SampleCorpus.entry(containing: "SampleOstFile.ost"))
        let store = try AnalyticsStore(path: scratch.path("store.sqlite"))
        _ = try Importer(store: store, options: ImportOptions(paths: [entry.path])).run()
        try store.pool.read { (db: Database) throws in
            let senders = try String.fetchAll(db, sql: "SELECT DISTINCT sender_email FROM messages WHERE sender_email IS NOT NULL")
            #expect(senders.count >= 4)
            #expect(!senders.contains { $0.hasPrefix("/o=") }, "no sender left as an Exchange DN: \(senders)")
            // The DNs were there: the file taught the store how to resolve them.
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM x500_addresses WHERE smtp = 'administrator@ex2010.local'") ?? 0 >= 1)
            // One contact per person: no DN contacts beside their SMTP ones.
            let dnContacts = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM contacts WHERE email LIKE '/o=%'")
            #expect(dnContacts == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM contacts WHERE email = 'administrator@ex2010.local'") == 1)
        }
    }

    @Test("--jobs 2 gives the same counts as --jobs 1")
    func parallelMatchesSerial() throws {
        let serial = try importCorpus(into: try AnalyticsStore(path: scratch.path("serial.sqlite")), jobs: 1)
        let parallel = try importCorpus(into: try AnalyticsStore(path: scratch.path("parallel.sqlite")), jobs: 2)
        #expect(parallel.totalEmails == serial.totalEmails)
        #expect(parallel.successfulImports == serial.successfulImports)
        #expect(parallel.duplicatesDetected == serial.duplicatesDetected)
        #expect(parallel.contactsCreated == serial.contactsCreated)
        #expect(parallel.otherItems == serial.otherItems)
        #expect(parallel.errorSummary.byKind == serial.errorSummary.byKind)
        let key = { (f: SessionRecord.FileEntry) in "\(f.path) \(f.status) \(f.emails) \(f.itemsFailed)" }
        #expect(parallel.files.map(key) == serial.files.map(key))
    }
}
