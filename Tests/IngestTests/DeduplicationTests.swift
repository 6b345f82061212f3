import Foundation
import GRDB
import PSTReader
import PSTWriter
import Testing
import TestSupport
@testable import Ingest
@testable import Store

/// A message without a Message-ID is known by its headers. The same message must be one
/// message however its files name the sender: by an Exchange DN that the file's X.500 map
/// resolves only later in the file, or by the SMTP address.
struct DeduplicationTests {
    let scratch = Scratch()
    static let dn = "/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=ann.lee"
    static let smtp = "ann.lee@contoso.example"
    static let sent = Date(timeIntervalSince1970: 1_650_000_000)

    /// The message both files hold, its sender named by `sender`, with no Message-ID.
    static func budget(sender: String) -> MessageSpec {
        MessageSpec(subject: "Budget  review", senderName: "Ann Lee", senderAddress: sender,
                    recipients: [RecipientSpec(kind: .to, name: "Bob Stone", address: "bob.stone@fabrikam.example")],
                    submitTime: sent, deliveryTime: sent.addingTimeInterval(20), body: "Numbers attached.")
    }

    /// Ann's file, as Exchange stores internal mail: the budget message names her by DN only,
    /// and a later message, to her, says which SMTP address that DN has.
    func exchangeFile() throws -> String {
        let path = scratch.path("exchange.pst")
        let writer = try PSTWriter(path: path, displayName: "Bob Stone")
        try writer.add(Self.budget(sender: Self.dn), to: .inbox)
        try writer.add(MessageSpec(
            subject: "Lunch", senderName: "Bob Stone", senderAddress: "bob.stone@fabrikam.example",
            recipients: [RecipientSpec(kind: .to, name: "Ann Lee", address: Self.dn, smtpAddress: Self.smtp)],
            submitTime: Self.sent.addingTimeInterval(3600), messageID: "<lunch@fabrikam.example>"), to: .sentItems)
        try writer.finish()
        return path
    }

    func smtpFile() throws -> String {
        let path = scratch.path("smtp.pst")
        let writer = try PSTWriter(path: path, displayName: "Bob Stone")
        try writer.add(Self.budget(sender: Self.smtp), to: .inbox)
        try writer.finish()
        return path
    }

    func budgetRows(_ store: AnalyticsStore) throws -> (messages: [String], sightings: Int, newSightings: Int) {
        try DatabaseQueue(path: store.path).read { db in
            let messages = try String.fetchAll(db, sql: "SELECT sender_email FROM messages WHERE subject LIKE 'Budget%'")
            let sightings = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS n, SUM(s.is_new) AS new FROM sightings s JOIN messages m ON m.id = s.message_id
                WHERE m.subject LIKE 'Budget%'
                """)!
            return (messages, sightings["n"], sightings["new"])
        }
    }

    @Test(arguments: [false, true])
    func oneMessageWithTwoSightingsInEitherOrder(exchangeFirst: Bool) throws {
        // Read in that order, the budget message's DN is not yet known when it is read.
        let items = try PSTFile(path: try exchangeFile()).readAll()
        #expect(items.first?.sender.address == Self.dn)

        let files = exchangeFirst ? [try exchangeFile(), try smtpFile()] : [try smtpFile(), try exchangeFile()]
        let store = try AnalyticsStore(path: scratch.path("one-session-\(exchangeFirst).sqlite"))
        _ = try Importer(store: store, options: ImportOptions(paths: files, jobs: 1)).run()
        let rows = try budgetRows(store)
        #expect(rows.messages == [Self.smtp])
        #expect(rows.sightings == 2 && rows.newSightings == 1)

        // The same in two sessions, one file each.
        let separate = try AnalyticsStore(path: scratch.path("two-sessions-\(exchangeFirst).sqlite"))
        for file in files { _ = try Importer(store: separate, options: ImportOptions(paths: [file], jobs: 1)).run() }
        let separateRows = try budgetRows(separate)
        #expect(separateRows.messages == [Self.smtp])
        #expect(separateRows.sightings == 2 && separateRows.newSightings == 1)
    }

    /// The key the import takes from what it reads is the key the end of a session takes from the
    /// stored rows: else re-keying would split or merge messages that resolution did not touch.
    @Test func theKeyFromStoredRowsIsTheKeyFromTheRead() throws {
        // Messages without a Message-ID, with what makes keys differ: odd subjects, dates
        // before 1970 and within a second, no date, names without addresses' case, no sender.
        let path = scratch.path("no-ids.pst")
        let writer = try PSTWriter(path: path, displayName: "Keys")
        let dates: [Date?] = [Date(timeIntervalSince1970: -86_400.5), Date(timeIntervalSince1970: 59.999), nil,
                              Date(timeIntervalSince1970: 1_700_000_000.25)]
        for (index, date) in dates.enumerated() {
            try writer.add(MessageSpec(
                subject: ["  Spaced\tout  subject ", "Ünïcödé 😀", "", "RE: RE: same"][index],
                senderName: index == 2 ? nil : "Ann LEE", senderAddress: index == 2 ? nil : "Ann.Lee@Contoso.example",
                recipients: [RecipientSpec(kind: .to, name: "Bob", address: "BOB@fabrikam.example"),
                             RecipientSpec(kind: .cc, name: "Cy", address: "cy@fabrikam.example")],
                submitTime: date, deliveryTime: index == 1 ? nil : date), to: .inbox)
        }
        try writer.finish()
        var paths = [path]
        if SampleCorpus.isAvailable { paths.append(SampleCorpus.directory.path) }
        let store = try AnalyticsStore(path: scratch.path("keys.sqlite"))
        _ = try Importer(store: store, options: ImportOptions(paths: paths, jobs: 1)).run()
        let mismatches = try DatabaseQueue(path: store.path).read { db in
            var checked = 0, mismatches: [String] = []
            for row in try Row.fetchAll(db, sql: "SELECT * FROM messages") {
                let recipients = try Row.fetchAll(
                    db, sql: "SELECT name, email FROM recipients WHERE message_id = ? ORDER BY position",
                    arguments: [row["id"] as Int64])
                let key = HeaderKey.of(
                    messageClass: row["message_class"],
                    sender: HeaderKey.Party(email: row["sender_email"], name: row["sender_name"]),
                    recipients: recipients.map { HeaderKey.Party(email: $0["email"], name: $0["name"]) },
                    seconds: row["sent_at"] ?? row["received_at"], subject: row["subject"])
                let stored: String = row["dedup_key"]
                guard stored.hasPrefix(HeaderKey.prefix) else { continue }
                checked += 1
                if key != stored { mismatches.append("\(row["subject"] ?? "")") }
            }
            #expect(checked >= dates.count)
            return mismatches
        }
        #expect(mismatches.isEmpty)
    }
}

private extension PSTFile {
    /// The file's messages, in the order a read meets them.
    func readAll() throws -> [MailItem] {
        var items: [MailItem] = []
        try read { if case .item(let item) = $0 { items.append(item) } }
        return items
    }
}
