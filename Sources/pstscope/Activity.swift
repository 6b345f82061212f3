import ArgumentParser
import Foundation
import MailModel
import Reports
import Store

extension Pstscope {
    struct Activity: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show when mail comes and goes: weekday × hour in each mailbox owner's local time, the peak, and the share outside business hours.",
            discussion: """
                Each mailbox, and each contact with at least 20 messages in it, from the last analysis. The table \
                shows sent and received mail together; JSON gives both matrices (7 rows, Sunday first, of 24 \
                hours), CSV one row per weekday and hour with mail.
                """)

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "One custodian's mailbox and contacts.")
        var custodian: String?

        @Option(help: "One contact (an email address).")
        var contact: String?

        @Option(help: "table, json or csv.")
        var format: ActivityFormat = .table

        enum ActivityFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

        func run() throws {
            let store = try openStore(storeOptions)
            try Filters.requireCustodian(custodian, in: store)
            let contact = contact.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            var records = try results(store, contact)
            if records.isEmpty, ((try? store.timelineFiles()) ?? []).isEmpty == false,
               try results(store, nil).isEmpty {
                // Mail but no analysis yet (an import stopped before it, or an older store).
                _ = try recomputeAnalyses(store, session: nil)
                records = try results(store, contact)
            }
            if let contact, records.isEmpty {
                throw fail("no activity for \(contact) in \(store.path): a contact needs 20 messages in a mailbox")
            }
            let zones = (try? store.mailboxZones()) ?? [:]
            switch format {
            case .json: print(ActivityOutput.json(records, zones: zones), terminator: "")
            case .csv: print(ActivityOutput.csv(records), terminator: "")
            case .table: print(table(records, zones: zones), terminator: "")
            }
        }

        private func results(_ store: AnalyticsStore, _ contact: String?) throws -> [ActivityRecord] {
            do { return try store.activity(custodian: custodian, contact: contact) } catch { throw fail("\(store.path): \(error)") }
        }

        /// Per entity: a line of figures, then mail per weekday (rows) and hour (columns).
        private func table(_ records: [ActivityRecord], zones: [String: OwnerZone]) -> String {
            guard !records.isEmpty else { return "No analysed mailbox matches (import some PSTs first).\n" }
            var out = ""
            for record in records {
                let name = record.contact.isEmpty ? "\(record.custodian) (mailbox)" : "\(record.custodian) / \(record.contact)"
                out += terminalSafe(name) + ": " + SessionPrinter.plural(record.messages, "message")
                    + ", peak " + ActivityOutput.peak(record)
                    + ", \((100 * record.outsideBusinessHours).fixed(1))% outside business hours"
                    + (zones[record.custodian].map { ", " + terminalSafe($0.zone) } ?? "") + "\n"
                var rows = [["     "] + (0..<24).map { pad($0, 2) }]
                let both = record.sent + record.received
                for weekday in [1, 2, 3, 4, 5, 6, 0] {
                    rows.append(["  " + WeekHours.weekdayNames[weekday].prefix(3)]
                                + (0..<24).map { both[weekday, $0] == 0 ? "." : String(both[weekday, $0]) })
                }
                out += SessionPrinter.table(rows, rightAligned: Set(1...24)) + "\n"
            }
            return out
        }
    }
}
