import ArgumentParser
import Foundation
import MailModel
import Store

extension Pstscope {
    struct Sessions: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List import sessions, newest first.")

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "table or json.")
        var format: OutputFormat = .table

        func run() throws {
            let store = try openStore(storeOptions)
            let reports: [SessionRecord]
            do {
                try store.markInterruptedSessions()
                reports = try store.sessionRecords()
            } catch {
                throw fail("\(store.path): \(error)")
            }
            print(format == .json ? try JSONDocument.text(reports) : SessionPrinter.list(reports), terminator: "")
        }
    }

    struct Session: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one import session.")

        @Argument(help: "The session id, e.g. import_20250611_180643.")
        var id: String

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "table or json.")
        var format: OutputFormat = .table

        func run() throws {
            let store = try openStore(storeOptions)
            do { try store.markInterruptedSessions() } catch { throw fail("\(store.path): \(error)") }
            let report = try sessionRecord(store, id)
            print(format == .json ? try JSONDocument.text(report) : SessionPrinter.detail(report), terminator: "")
        }
    }
}
