import Foundation
import GRDB
import Testing
import TestSupport

/// `pstscope senders` and `pstscope network`, run as a user would.
@Suite struct SendersCommandTests {
    let scratch = Scratch()
    var store: String { scratch.path("store.sqlite") }
    static let samples = SampleCorpus.packageRoot.appendingPathComponent("samples")

    func importSamples(_ names: [String]) throws {
        let paths = names.map { Self.samples.appendingPathComponent($0).path }
        let result = try Pstscope.run(["import"] + paths + ["--store", store, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Senders: "))
    }

    @Test func jsonHasTheDocumentedShapeSortedByImportance() throws {
        try importSamples(["steady.pst"])
        let result = try Pstscope.run(["senders", "--store", store, "--top", "50", "--format", "json"])
        #expect(result.status == 0)
        let senders = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(senders.count == 50)
        var previous = Double.infinity
        for sender in senders {
            #expect((sender["sender_email"] as? String)?.contains("@") == true)
            #expect(["internal", "external", "automated", "one_off"].contains(sender["classification"] as? String ?? ""))
            let confidence = try #require(sender["confidence_score"] as? Double)
            #expect(confidence >= 0 && confidence <= 1)
            let metrics = try #require(sender["metrics"] as? [String: Any])
            for key in ["total_emails", "avg_emails_per_month", "response_time_avg_hours", "importance_score", "last_contact"] {
                #expect(metrics.keys.contains(key), "\(key)")
            }
            let importance = try #require(metrics["importance_score"] as? Double)
            #expect(importance >= 0 && importance <= 10 && importance <= previous)
            previous = importance
            let trends = try #require(sender["trends"] as? [String: Any])
            #expect(trends.keys.contains("communication_increasing") && trends.keys.contains("response_time_improving"))
        }
        let table = try Pstscope.run(["senders", "--store", store, "--top", "3"])
        // A header, three rows, and the mailbox's business hours with its time zone.
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines.last?.hasPrefix("Business hours of ") == true && lines.last?.contains("America/New_York (inferred") == true)
        let csv = try Pstscope.run(["senders", "--store", store, "--top", "0", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("custodian,sender_email,name,classification,"))
        #expect(try Pstscope.run(["senders", "--store", store, "--top", "-1"]).status == 1)
    }

    /// The GraphML opens in networkx, and its weights add up to the recipient-weighted
    /// message count computed from the store directly.
    @Test func graphMLParsesWithNetworkx() throws {
        try importSamples(["multi-1.pst", "multi-2.pst", "multi-3.pst"])
        let graph = try Pstscope.run(["network", "--store", store, "--format", "graphml"])
        #expect(graph.status == 0)
        let path = try scratch.file("network.graphml", Data(graph.stdout.utf8))
        let script = """
            import sys, networkx as nx
            g = nx.read_graphml(sys.argv[1])
            print(g.number_of_nodes(), g.number_of_edges(), sum(w for _, _, w in g.edges(data="weight")))
            """
        let python = try #require(ExternalTools.pythonWithNetworkx, "no python3 with networkx (make deps installs it)")
        let (status, output) = try ExternalTools.run(python, ["-c", script, path])
        #expect(status == 0, "networkx could not read the GraphML: \(output)")
        let fields = output.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        try #require(fields.count == 3)
        let expected = try DatabaseQueue(path: store).read { db in
            try Double.fetchOne(db, sql: """
                SELECT SUM(CASE r.kind WHEN 'to' THEN 1.0 ELSE 0.5 END) FROM messages m
                JOIN recipients r ON r.message_id = m.id
                WHERE m.kind IN ('email', 'meeting') AND m.sender_email IS NOT NULL AND r.email IS NOT NULL
                  AND r.email != m.sender_email
                """) ?? 0
        }
        #expect(expected > 1000)
        #expect(abs(Double(fields[2])! - expected) < 1e-6, "\(fields[2]) vs \(expected)")
        #expect(Int(fields[0])! > 30 && Int(fields[1])! > 30)
    }

    /// In the real OST, Exchange senders end as one SMTP contact each, and mail whose sender
    /// has only a display name joins the one address with that name.
    @Test(.enabled(if: SampleCorpus.isAvailable, Comment(rawValue: SampleCorpus.missingMessage)))
    func exchangeSendersMergeWithTheirSMTPIdentity() throws {
        let ost = try #require(SampleCorpus.entry(containing: "SampleOstFile.ost")).path
        #expect(try Pstscope.run(["import", ost, "--store", store, "--quiet"]).status == 0)
        let senders = try JSONSerialization.jsonObject(with: Data(
            try Pstscope.run(["senders", "--store", store, "--top", "0", "--format", "json"]).stdout.utf8)) as! [[String: Any]]
        let addresses = senders.compactMap { $0["sender_email"] as? String }
        #expect(addresses.contains("administrator@ex2010.local"))
        #expect(addresses.allSatisfy { !$0.hasPrefix("/") && $0.contains("@") }, "\(addresses)")
        let network = try JSONSerialization.jsonObject(with: Data(
            try Pstscope.run(["network", "--store", store, "--format", "json"]).stdout.utf8)) as! [String: Any]
        let nodes = network["nodes"] as! [[String: Any]]
        let names = nodes.compactMap { $0["name"] as? String }
        #expect(Set(names).count == names.count, "one node per person: \(names)")
        #expect(nodes.allSatisfy { ($0["id"] as? String)?.hasPrefix("/") == false })
        let owner = try #require(nodes.first { $0["is_owner"] as? Bool == true })
        #expect(owner["id"] as? String == "saqib.razzaq@ex2010.local")
        let admin = try #require(senders.first { $0["sender_email"] as? String == "administrator@ex2010.local" })
        #expect((admin["metrics"] as! [String: Any])["emails_to_contact"] as? Int == 1)
    }
}
