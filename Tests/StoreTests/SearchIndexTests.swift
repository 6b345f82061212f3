import Foundation
import GRDB
import MailModel
import Testing
import TestSupport
@testable import Store

/// The full-text indexes: kept by the write path, by the end of a file (Exchange names
/// resolved), by forgetting a session, and built for a store written before they existed.
struct SearchIndexTests {
    let scratch = Scratch()

    struct Mail {
        var key: String
        var subject: String
        var sender: String
        var senderName: String?
        var to: [String]
        var day: Day
    }

    let mails = [
        Mail(key: "k1", subject: "Budget review for Q3", sender: "ann@example.com", senderName: "Ann Smith",
             to: ["bob@example.com"], day: Day(2021, 3, 1)),
        Mail(key: "k2", subject: "Re: budget review", sender: "bob@example.com", senderName: "Bob Jones",
             to: ["ann@example.com", "carol@example.org"], day: Day(2021, 3, 2)),
        Mail(key: "k3", subject: "Lunch on Friday?", sender: "carol@example.org", senderName: "Carol Müller",
             to: ["ann@example.com"], day: Day(2021, 4, 9)),
        Mail(key: "k4", subject: "Café opening", sender: "dave@example.net", senderName: nil,
             to: ["bob@example.com"], day: Day(2022, 1, 5)),
    ]

    func incoming(_ mail: Mail, item: UInt32, sender: String? = nil) -> IncomingMessage {
        IncomingMessage(
            itemID: item, folderID: item % 2 == 0 ? 2 : 1, dedupKey: mail.key, kind: .email, messageClass: "IPM.Note",
            internetMessageID: nil, inReplyTo: nil, references: [], conversationIndex: nil, subject: mail.subject,
            senderName: mail.senderName, senderEmail: sender ?? mail.sender, sentAt: mail.day.start + 36_000,
            receivedAt: nil, size: 10, attachmentCount: 0,
            recipients: mail.to.map { IncomingRecipient(kind: .to, name: nil, email: $0) })
    }

    /// A store holding `mails` in one session and file of custodian "ann".
    func store(_ name: String = "s.sqlite") throws -> (AnalyticsStore, session: String) {
        let (store, session, file) = try storeWritingMails(name)
        try store.finishFile("/data/ann.pst", session: session, sourceFileID: file, status: .imported, error: nil,
                             custodian: "ann", owner: nil, x500: [:], readMilliseconds: 1)
        try store.finishSession(session)
        return (store, session)
    }

    /// A store with `mails` written in one batch of a session's file that is still being read.
    func storeWritingMails(_ name: String) throws -> (AnalyticsStore, session: String, file: Int64) {
        let store = try AnalyticsStore(path: scratch.path(name))
        let session = try store.startSession(command: "test", custodian: nil, jobs: 1)
        try store.addFiles(["/data/ann.pst"], to: session)
        let facts = SourceFileFacts(fingerprint: "ann", path: "/data/ann.pst", size: 1, format: "Unicode 64-bit",
                                    contentType: "pst", encryption: "none", displayName: nil)
        guard case .read(let file, _) = try store.beginFile("/data/ann.pst", facts: facts, session: session) else {
            throw StoreError.other("file not read")
        }
        try store.write(Batch(
            sessionID: session, path: "/data/ann.pst", sourceFileID: file,
            folders: [IncomingFolder(nodeID: 1, path: "Inbox", itemCount: 2, isSentItems: false),
                      IncomingFolder(nodeID: 2, path: "Sent Items", itemCount: 2, isSentItems: true)],
            messages: mails.enumerated().map { incoming($1, item: UInt32($0 + 1)) }))
        return (store, session, file)
    }

    func subjects(_ store: AnalyticsStore, _ text: String, limit: Int = 50,
                  _ narrow: (inout MessageSearch) -> Void = { _ in }) throws -> [String] {
        var search = MessageSearch(words: try #require(SearchWords(text)), limit: limit)
        narrow(&search)
        return try store.searchMessages(search).hits.compactMap(\.subject)
    }

    /// The subjects a word-prefix search must find, worked out here from the mails themselves.
    func expected(_ word: String, where keep: (Mail) -> Bool = { _ in true }) -> [String] {
        func words(_ text: String) -> [String] {
            text.folding(options: .diacriticInsensitive, locale: nil).lowercased()
                .split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        }
        return mails.filter { mail in
            keep(mail) && ([mail.subject, mail.sender, mail.senderName ?? ""] + mail.to).flatMap(words)
                .contains { $0.hasPrefix(word) }
        }.sorted { $0.day > $1.day }.map(\.subject)
    }

    @Test(arguments: ["budget", "bud", "ann", "example", "org", "mueller", "muller", "cafe", "friday"])
    func wordsOfSubjectSenderAndRecipientsAreFound(word: String) throws {
        let (store, _) = try store()
        #expect(try subjects(store, word) == expected(word))
    }

    /// Stored messages wait to be indexed until their file ends or `SearchIndex.step` of them
    /// do; a run stopped midway indexes what it stored before it marks the session interrupted.
    @Test func messagesAreIndexedAtTheFileEndOrWhenTheRunStops() throws {
        let (store, session, _) = try storeWritingMails("stopped.sqlite")
        #expect(try subjects(store, "budget") == [])
        try store.interruptSession(session)
        #expect(try subjects(store, "budget") == expected("budget"))
    }

    @Test func everyWordIsRequiredAndFiltersNarrow() throws {
        let (store, _) = try store()
        #expect(try subjects(store, "budget carol") == ["Re: budget review"])
        #expect(try subjects(store, "example") { $0.from = Day(2021, 3, 2); $0.to = Day(2021, 4, 9) }
                == expected("example") { $0.day >= Day(2021, 3, 2) && $0.day <= Day(2021, 4, 9) })
        #expect(try subjects(store, "example") { $0.contact = "carol@example.org" }
                == expected("example") { $0.sender == "carol@example.org" || $0.to.contains("carol@example.org") })
        #expect(try subjects(store, "example") { $0.folder = "sent" } == expected("example") { ["k2", "k4"].contains($0.key) })
        #expect(try subjects(store, "example") { $0.custodian = "ann" } == expected("example"))
        #expect(try subjects(store, "example") { $0.custodian = "nobody" } == [])
    }

    @Test func aPageHoldsItsShareAndTheTotalCountsAll() throws {
        let (store, _) = try store()
        var search = MessageSearch(words: try #require(SearchWords("example")), limit: 2, offset: 1)
        let page = try store.searchMessages(search)
        #expect(page.total == mails.count)
        #expect(page.hits.compactMap(\.subject) == Array(expected("example")[1...2]))
        search.offset = 10
        #expect(try store.searchMessages(search).hits.isEmpty)
    }

    @Test func eachHitNamesEveryFileAndFolderItWasSeenIn() throws {
        let (store, _) = try store()
        let words = try #require(SearchWords("lunch"))
        let hit = try #require(try store.searchMessages(MessageSearch(words: words)).hits.first)
        #expect(hit.seenIn == [MessageHit.Provenance(custodian: "ann", file: "/data/ann.pst", folder: "Inbox")])
        #expect(hit.recipients == ["ann@example.com"])
        #expect(hit.date == Day(2021, 4, 9).start + 36_000)
    }

    /// FTS5's query syntax never reaches the index: quotes, operators and column names are words or nothing.
    @Test func typedSyntaxIsOnlyWords() throws {
        let (store, _) = try store()
        #expect(SearchWords("\"") == nil)
        #expect(SearchWords("  *:() ") == nil)
        #expect(try subjects(store, "subject: NEAR(budget") == [])
        // "OR" is a word too: only the budget mail sent to carol@example.org has a word starting "or".
        #expect(try subjects(store, "\"budget\" OR") == ["Re: budget review"])
        #expect(try subjects(store, "budget*") == expected("budget"))
    }

    @Test func aResolvedExchangeSenderIsSearchableByItsAddress() throws {
        let store = try AnalyticsStore(path: scratch.path("dn.sqlite"))
        let session = try store.startSession(command: "test", custodian: nil, jobs: 1)
        try store.addFiles(["/data/a.pst"], to: session)
        let facts = SourceFileFacts(fingerprint: "a", path: "/data/a.pst", size: 1, format: "Unicode 64-bit",
                                    contentType: "pst", encryption: "none", displayName: nil)
        guard case .read(let file, _) = try store.beginFile("/data/a.pst", facts: facts, session: session) else {
            Issue.record("file not read"); return
        }
        let dn = "/o=org/ou=exchange/cn=recipients/cn=zed"
        try store.write(Batch(sessionID: session, path: "/data/a.pst", sourceFileID: file,
                              folders: [IncomingFolder(nodeID: 1, path: "Inbox", itemCount: 1, isSentItems: false)],
                              messages: [incoming(mails[0], item: 1, sender: dn)]))
        try store.finishFile("/data/a.pst", session: session, sourceFileID: file, status: .imported, error: nil,
                             custodian: "x", owner: nil, x500: [dn: "zed.quinn@example.com"], readMilliseconds: 1)
        try store.finishSession(session)
        #expect(try subjects(store, "quinn") == [mails[0].subject])
        #expect(try store.searchContacts("quinn").map(\.email) == ["zed.quinn@example.com"])
    }

    @Test func forgettingASessionForgetsItsMessagesAndContacts() throws {
        let (store, session) = try store()
        #expect(try subjects(store, "budget").count == 2)
        _ = try store.forgetSession(session)
        #expect(try subjects(store, "budget").isEmpty)
        #expect(try store.searchContacts("ann").isEmpty)
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM message_search") } == 0)
    }

    @Test func contactsAreFoundByPrefixPartAndNearMiss() throws {
        let (store, _) = try store()
        #expect(try store.searchContacts("car").map(\.email) == ["carol@example.org"])
        #expect(try store.searchContacts("Jones").map(\.email) == ["bob@example.com"])
        // Two letters are not enough to search on.
        #expect(try store.searchContacts("an").isEmpty)
        // A NUL or a quote is not part of a name: ignored, not an error.
        #expect(try store.searchContacts("car\u{0}ol\"").map(\.email) == ["carol@example.org"])
        // A typo: "Smiht" shares "smi" with "Smith", and with nobody else.
        #expect(try store.searchContacts("smiht").first?.email == "ann@example.com")
        // Every address holds "exa".
        let matches = try store.searchContacts("exa").map(\.email)
        #expect(Set(matches) == Set(mails.flatMap { [$0.sender] + $0.to }))
    }

    /// A store written before the indexes existed (schema v9) gets them, filled, when opened.
    @Test func anOlderStoreIsIndexedByItsMigration() throws {
        let (current, _) = try store("current.sqlite")
        try current.pool.writeWithoutTransaction { db in
            try db.execute(sql: """
                DROP TABLE message_search; DROP TABLE contact_search; DROP TABLE message_dates;
                DROP INDEX reply_pairs_by_parent; DROP INDEX network_edges_by_target;
                DELETE FROM grdb_migrations WHERE identifier = 'v10 search';
                """)
            for trigger in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                try db.execute(sql: "DROP TRIGGER \(trigger)")
            }
        }
        let path = current.path
        let reopened = try AnalyticsStore(path: path)
        #expect(try subjects(reopened, "budget") == expected("budget"))
        #expect(try reopened.searchContacts("carol").map(\.email) == ["carol@example.org"])
    }
}
