import Foundation
import GRDB
import MailModel
import Testing
import TestSupport
@testable import Store

/// An alert is kept as raised and read back as the same value; a row the vocabulary does not
/// know is an error, not a crash.
struct AlertStoreTests {
    let scratch = Scratch()

    @Test func alertsComeBackAsRaised() throws {
        let store = try AnalyticsStore(path: scratch.path("s.sqlite"))
        let session = try store.startSession(command: "test", custodian: nil, jobs: 1)
        let other = try store.startSession(command: "test", custodian: nil, jobs: 1)
        let raised = [
            Alert(kind: .slowFile, severity: .warning, path: "/data/big.pst", message: "reading for 900 s",
                  value: 900, threshold: 300, at: Date(timeIntervalSince1970: 1_700_000_000.125)),
            Alert(kind: .sessionComplete, severity: .info, message: "done", at: Date(timeIntervalSince1970: 1_700_000_100)),
        ]
        for alert in raised { try store.recordAlert(alert, session: session) }
        try store.recordAlert(Alert(kind: .memory, severity: .critical, message: "high"), session: other)

        let read = try store.alerts(session: session)
        #expect(read.map(\.alert) == raised)
        #expect(read.allSatisfy { $0.session == session })
        #expect(read.first?.alert.at == "2023-11-14T22:13:20.125Z")
        #expect(try store.alerts().count == 3)
    }

    @Test func anUnknownKindIsAnError() throws {
        let store = try AnalyticsStore(path: scratch.path("s.sqlite"))
        let session = try store.startSession(command: "test", custodian: nil, jobs: 1)
        try store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO alerts (session_id, at, kind, severity, message) VALUES (?, 'x', 'meteor', 'warning', 'm')
                """, arguments: [session])
        }
        #expect(throws: StoreError.self) { try store.alerts(session: session) }
    }
}
