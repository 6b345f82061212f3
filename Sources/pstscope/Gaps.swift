import Analysis
import ArgumentParser
import Foundation
import Ingest
import Reports
import MailModel
import Store

extension Pstscope {
    struct Gaps: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the gaps in mailboxes' and contacts' timelines, with evidence and advice.",
            discussion: """
                Reads the results stored by the last analysis (run after every import, or by `pstscope analyze`). \
                Without --contact, the table shows each mailbox and the contacts that have gaps; JSON and CSV give \
                every analysed entity that matches.
                """)

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "One contact's gaps (an email address).")
        var contact: String?

        @Option(help: "One custodian's mailbox and contacts.")
        var custodian: String?

        @Option(help: "Only gaps ending on or after this day (YYYY-MM-DD).")
        var from: String?

        @Option(help: "Only gaps starting on or before this day (YYYY-MM-DD).")
        var to: String?

        @Option(help: "minor (default), moderate, major or critical.")
        var minSeverity = "minor"

        @Option(help: "table, json or csv.")
        var format: GapsFormat = .table

        enum GapsFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

        func validate() throws {
            if contact != nil && custodian != nil { throw ValidationError("give --contact or --custodian, not both") }
            try validateDayRange(from: from, to: to)
            if Severity(name: minSeverity) == nil {
                throw ValidationError("--min-severity is minor, moderate, major or critical")
            }
        }

        func run() throws {
            let store = try openStore(storeOptions)
            try Filters.requireCustodian(custodian, in: store)
            let query = TimelineQuery(
                custodian: custodian, contact: contact.map { $0.trimmingCharacters(in: .whitespaces).lowercased() },
                from: from, to: to, minimumSeverity: Severity(name: minSeverity)!)
            var entities = try results(store, query)
            if entities.isEmpty, try !hasAnalysis(store), try hasMail(store) {
                _ = try recomputeAnalyses(store, session: nil)
                entities = try results(store, query)
            }
            if let contact = query.contact, entities.isEmpty {
                let count = (try? store.contactMessageCount(contact)) ?? 0
                guard count > 0 else { throw fail("no mail with \(contact) in \(store.path)") }
                print("\(terminalSafe(contact)) has \(SessionPrinter.plural(count, "message")): too few to estimate a rate "
                      + "(gap analysis needs \(TimelineSettings.minimumContactMessages) in one mailbox).")
                return
            }
            switch format {
            case .json:
                print(TimelineOutput.json(entities, settings: (try? store.analysisSettings()) ?? [:],
                                          zones: (try? store.mailboxZones()) ?? [:]), terminator: "")
            case .csv: print(TimelineOutput.csv(entities), terminator: "")
            case .table:
                let shown = query.contact == nil ? entities.filter { $0.contact.isEmpty || !$0.gaps.isEmpty } : entities
                print(GapPrinter.table(shown, zones: (try? store.mailboxZones()) ?? [:]), terminator: "")
            }
        }

        private func results(_ store: AnalyticsStore, _ query: TimelineQuery) throws -> [TimelineEntityRecord] {
            do { return try store.timeline(query) } catch { throw fail("\(store.path): \(error)") }
        }

        private func hasAnalysis(_ store: AnalyticsStore) throws -> Bool {
            !(try results(store, TimelineQuery(contact: ""))).isEmpty
        }

        private func hasMail(_ store: AnalyticsStore) throws -> Bool {
            !((try? store.timelineFiles()) ?? []).isEmpty
        }
    }
}
