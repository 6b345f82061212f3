import Foundation
import GRDB

/// Indexes that only the analyses read, left out while a large import writes. Message-IDs and
/// conversation indexes arrive in no order, so each stored message inserted into both at a
/// random place; built once at the end, from the finished table, they are a sort. Reading and
/// storing 100,000 messages took 8.1-8.5 s with them and 6.4 s without (side by side, 2 cores).
///
/// An import leaves them out when what it reads is at least as large as the store, so that a
/// small import into a large store does not rebuild them. They are back when the session
/// finishes or is interrupted, and whenever any command opens the store to write: a run that
/// died in between never leaves a store without them. Migrations must name them with IF EXISTS.
enum AnalysisIndexes {
    static let definitions: [(name: String, columns: String)] = [
        ("messages_by_internet_id", "messages(internet_message_id)"),
        ("messages_by_conversation_index", "messages(conversation_index)"),
    ]

    static func create(_ db: Database) throws {
        for index in definitions {
            try db.execute(sql: "CREATE INDEX IF NOT EXISTS \(index.name) ON \(index.columns)")
        }
    }

    static func drop(_ db: Database) throws {
        for index in definitions {
            try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)")
        }
    }

    /// How many of them the store has.
    static func present(_ db: Database) throws -> Int {
        let names = definitions.map(\.name)
        return try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN (\(databaseQuestionMarks(count: names.count)))",
            arguments: StatementArguments(names)) ?? 0
    }
}

extension AnalyticsStore {
    /// Leaves the analyses' indexes out for an import that reads `bytes` of mail files, when
    /// that is at least the store's own size (its pages, wherever they stand: most of a new
    /// store's are still in its write-ahead log); true when it did.
    @discardableResult
    public func deferAnalysisIndexes(reading bytes: Int64) throws(StoreError) -> Bool {
        try write { db in
            let storeBytes = try Int64.fetchOne(
                db, sql: "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()") ?? 0
            guard bytes >= storeBytes else { return false }
            try AnalysisIndexes.drop(db)
            return true
        }
    }

    /// Whether the analyses' indexes are all there.
    public func hasAnalysisIndexes() throws(StoreError) -> Bool {
        try read { db in try AnalysisIndexes.present(db) == AnalysisIndexes.definitions.count }
    }
}
