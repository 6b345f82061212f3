import Analysis
import ArgumentParser
import Foundation
import Ingest
import Reports
import Store
import MailModel

extension Pstscope {
    struct Senders: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show correspondents by importance: volume, response times, trends and classification.",
            discussion: """
                Reads the results stored by the last analysis (run after every import, or by `pstscope analyze`). \
                Response times are the owner's answers to the contact unless named "their".
                """)

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "How many contacts (default 20; 0 for all).")
        var top = 20

        @Option(help: "One custodian's correspondents.")
        var custodian: String?

        @Option(help: "table, json or csv.")
        var format: SendersFormat = .table

        enum SendersFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

        func validate() throws {
            if top < 0 { throw ValidationError("--top cannot be negative") }
        }

        func run() throws {
            let store = try openStore(storeOptions)
            try Filters.requireCustodian(custodian, in: store)
            let profiles: [SenderProfileRecord]
            do {
                profiles = try store.senderProfiles(custodian: custodian, top: top == 0 ? nil : top)
            } catch {
                throw fail("\(store.path): \(error)")
            }
            switch format {
            case .json: print(SenderOutput.json(profiles), terminator: "")
            case .csv: print(SenderOutput.csv(profiles), terminator: "")
            case .table:
                print(table(profiles), terminator: "")
                let custodians = Set(profiles.map(\.custodian))
                for zone in ((try? store.mailboxZones()) ?? [:]).values.sorted(by: { $0.custodian < $1.custodian })
                where custodians.contains(zone.custodian) {
                    print(terminalSafe("Business hours of \(zone.custodian): 08:00-18:00 \(zone.summary)"))
                }
            }
        }

        private func table(_ profiles: [SenderProfileRecord]) -> String {
            guard !profiles.isEmpty else { return "No correspondents (import some PSTs first).\n" }
            var rows = [["IMPORTANCE", "CONTACT", "CLASS", "CONF", "FROM", "TO", "PER MONTH", "REPLY H (MEDIAN)",
                         "LAST", "TREND"]]
            for p in profiles {
                rows.append([
                    p.importanceScore.fixed(2), p.email, p.classification.label,
                    p.confidenceScore.fixed(2), String(p.sentToOwner), String(p.receivedFromOwner),
                    p.avgEmailsPerMonth.fixed(1),
                    p.ownerResponseMedianHours.map { $0.fixed(1) } ?? "-",
                    String((p.lastContact ?? "-").prefix(10)),
                    p.communicationIncreasing.map { $0 ? "rising" : "flat/falling" } ?? "-",
                ])
            }
            return SessionPrinter.table(rows, rightAligned: [0, 3, 4, 5, 6, 7])
        }
    }

    struct Network: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the communication network: people as nodes, messages as weighted edges.",
            discussion: """
                Edge weight: 1 per message a person sent the other as To, 0.5 as Cc or Bcc. Nodes carry PageRank, \
                betweenness (among the 300 best-connected people) and a community number.
                """)

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "graphml or json.")
        var format: NetworkFormat = .graphml

        enum NetworkFormat: String, ExpressibleByArgument, CaseIterable { case graphml, json }

        func run() throws {
            let store = try openStore(storeOptions)
            do {
                let nodes = try store.networkNodes(), edges = try store.networkEdges()
                print(format == .graphml ? NetworkOutput.graphML(nodes: nodes, edges: edges)
                                         : NetworkOutput.json(nodes: nodes, edges: edges), terminator: "")
            } catch {
                throw fail("\(store.path): \(error)")
            }
        }
    }
}
