import Foundation
import GRDB
import GRDBSQLite

/// A prepared INSERT whose values are bound through SQLite's C API, for the rows an import
/// writes per message and the hundreds of thousands an analysis replaces. GRDB's argument
/// arrays box every value; for the million rows of a large import that costs as much as
/// SQLite's own work. Runs inside GRDB's transaction, on its connection, so
/// `lastInsertedRowID`, `changesCount` and errors behave as for any statement.
struct RowInserter {
    private let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }

    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
    }

    /// Binds `values` to the parameters in order and runs the statement once.
    func run(_ values: Value...) throws {
        defer { sqlite3_reset(handle) }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
            case .real(let number): code = sqlite3_bind_double(handle, index, number)
            case .text(var text):
                code = text.withUTF8 { bytes in
                    // An empty buffer may have no address, which SQLite would take for NULL.
                    bytes.isEmpty
                        ? sqlite3_bind_text(handle, index, "", 0, Self.transient)
                        : sqlite3_bind_text(handle, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
                }
            case .blob(let data):
                code = data.withUnsafeBytes { bytes in
                    sqlite3_bind_blob(handle, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count),
                                      Self.transient)
                }
            }
            if code != SQLITE_OK { throw error(code) }
        }
        let code = sqlite3_step(handle)
        if code != SQLITE_DONE { throw error(code) }
    }

    private func error(_ code: Int32) -> DatabaseError {
        let connection = sqlite3_db_handle(handle)
        return DatabaseError(
            resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
            message: String(cString: sqlite3_errmsg(connection)), sql: statement.sql)
    }

    /// SQLite copies the value before the call returns (SQLITE_TRANSIENT).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    enum Value {
        case null, integer(Int64), real(Double), text(String), blob(Data)

        static func text(_ value: String?) -> Value { value.map(Value.text) ?? .null }
        static func integer(_ value: Int64?) -> Value { value.map(Value.integer) ?? .null }
        static func integer(_ value: Int?) -> Value { value.map { .integer(Int64($0)) } ?? .null }
        static func integer(_ value: UInt32) -> Value { .integer(Int64(value)) }
        static func real(_ value: Double?) -> Value { value.map(Value.real) ?? .null }
        static func bool(_ value: Bool?) -> Value { value.map { .integer($0 ? 1 : 0) } ?? .null }
        static func blob(_ value: Data?) -> Value { value.map(Value.blob) ?? .null }
    }
}
