import Foundation
import Testing
import TestSupport

/// The ranks `pstscope network --format json` exports, recomputed by networkx from the exported
/// nodes and edges alone (nothing of pstscope's code), and the communities checked against
/// properties any result of label propagation has.
@Suite struct NetworkCentralityTests {
    let scratch = Scratch()
    var store: String { scratch.path("store.sqlite") }
    static let samples = SampleCorpus.packageRoot.appendingPathComponent("samples")

    /// Betweenness is computed among this many best-connected people (`SenderAnalysis.betweennessNodes`).
    static let betweennessNodes = 300

    /// PageRank: pstscope stops after 100 rounds, or once the ranks move by less than 1e-10 in
    /// all. A round of the power iteration shrinks the L1 distance to the fixed point by the
    /// damping factor (the Google matrix is column-stochastic, and every column of the
    /// difference of two rank vectors sums to 0), so after 100 rounds the distance is at most
    /// 2 × 0.85^100 ≈ 1.7e-7, and after an early stop at most 1e-10 × 0.85 / 0.15 ≈ 6e-10.
    /// networkx runs to 1e-13 per node. 1e-6 is then safe, and still well under a thousandth
    /// of the smallest rank possible ((1 - 0.85) / nodes, 4.6e-4 with 323 people). (A damping
    /// of 0.8 instead, or unweighted edges, moves the largest ranks by 1e-2 here.)
    static let pagerankTolerance = 1e-6
    /// Betweenness: sums of ratios of shortest-path counts on both sides, in different orders.
    static let betweennessTolerance = 1e-9

    /// A small run of the steady scenario with another seed, beside the synthetic samples: 323
    /// people, more than betweenness is computed among, with many tied at the cut-off.
    @Test func syntheticNetworkAgreesWithNetworkx() throws {
        let python = try #require(ExternalTools.pythonWithNetworkx, "no python3 with networkx (make deps installs it)")
        let extra = scratch.path("steady-seed-2.pst")
        let synth = try Pstscope.run(["synth", "--out", extra, "--seed", "2", "--messages", "1000"])
        try #require(synth.status == 0, "\(synth.stderr)")
        let samples = try FileManager.default.contentsOfDirectory(atPath: Self.samples.path)
            .filter { $0.hasSuffix(".pst") }.sorted().map { Self.samples.appendingPathComponent($0).path }
        try #require(samples.count >= 5)
        let result = try Pstscope.run(["import", extra] + samples + ["--store", store, "--quiet"])
        try #require(result.status == 0, "\(result.stderr)")
        let network = try export()
        #expect(network.nodes.count > Self.betweennessNodes, "the cut-off of the betweenness is not exercised")
        try check(network, python: python)
    }

    /// The real mailboxes: small, sparse, several connected components and people with no link.
    @Test(.enabled(if: SampleCorpus.isAvailable, Comment(rawValue: SampleCorpus.missingMessage)))
    func realCorpusNetworkAgreesWithNetworkx() throws {
        let python = try #require(ExternalTools.pythonWithNetworkx, "no python3 with networkx (make deps installs it)")
        let result = try Pstscope.run(["import", SampleCorpus.directory.path, "--store", store, "--quiet"])
        // Some of the corpus is damaged on purpose: 2 is "finished, some files failed".
        try #require(result.status == 0 || result.status == 2, "\(result.stderr)")
        let network = try export()
        #expect(network.nodes.count > 50 && network.edges.count > 50)
        try check(network, python: python)
    }

    // MARK: - The export

    struct Node {
        var id: String
        var pagerank: Double
        var betweenness: Double?
        var community: Int
    }

    struct Edge {
        var source: String
        var target: String
        var weight: Double
    }

    struct Network {
        var nodes: [Node]
        var edges: [Edge]
        var json: Data
    }

    func export() throws -> Network {
        let result = try Pstscope.run(["network", "--store", store, "--format", "json"])
        try #require(result.status == 0, "\(result.stderr)")
        let json = Data(result.stdout.utf8)
        let document = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let nodes = try #require(document["nodes"] as? [[String: Any]]).map { node in
            Node(id: try #require(node["id"] as? String), pagerank: try #require(node["pagerank"] as? Double),
                 betweenness: node["betweenness"] as? Double, community: try #require(node["community"] as? Int))
        }
        let edges = try #require(document["edges"] as? [[String: Any]]).map { edge in
            Edge(source: try #require(edge["source"] as? String), target: try #require(edge["target"] as? String),
                 weight: try #require(edge["weight"] as? Double))
        }
        return Network(nodes: nodes, edges: edges, json: json)
    }

    // MARK: - The checks

    /// What networkx makes of the exported graph: weighted PageRank over the directed graph
    /// (a node with no outgoing weight spreads its rank evenly: networkx's default), Brandes
    /// betweenness on the undirected, unweighted graph among the people pstscope gave one to,
    /// normalised, and the connected components of the undirected graph.
    static let script = """
        import json, sys
        import networkx as nx
        data = json.load(open(sys.argv[1]))
        alpha = float(sys.argv[3])
        g = nx.DiGraph()
        g.add_nodes_from(n["id"] for n in data["nodes"])
        for e in data["edges"]:
            assert not g.has_edge(e["source"], e["target"]), "edge exported twice"
            g.add_edge(e["source"], e["target"], weight=e["weight"])
        try:
            pagerank = nx.pagerank(g, alpha=alpha, weight="weight", tol=1e-13, max_iter=10000)
        except ImportError:  # no scipy: networkx's own pure-Python iteration
            from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
            pagerank = _pagerank_python(g, alpha=alpha, weight="weight", tol=1e-13, max_iter=10000)
        hubs = [n["id"] for n in data["nodes"] if n["betweenness"] is not None]
        among = nx.Graph(g.subgraph(hubs).to_undirected())
        betweenness = nx.betweenness_centrality(among, normalized=True, weight=None)
        components = [sorted(c) for c in nx.connected_components(g.to_undirected())]
        json.dump({"pagerank": pagerank, "betweenness": betweenness, "components": components}, open(sys.argv[2], "w"))
        """

    func check(_ network: Network, python: String) throws {
        let input = try scratch.file("network.json", network.json)
        let output = scratch.path("networkx.json")
        let (status, log) = try ExternalTools.run(python, ["-c", Self.script, input, output, "0.85"])
        try #require(status == 0, "networkx failed: \(log)")
        let reference = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: Any])
        let pagerank = try #require(reference["pagerank"] as? [String: Double])
        let betweenness = try #require(reference["betweenness"] as? [String: Double])
        let components = try #require(reference["components"] as? [[String]])

        #expect(Set(network.nodes.map(\.id)).count == network.nodes.count, "one node per id")
        checkPageRank(network, pagerank)
        checkBetweenness(network, betweenness)
        checkCommunities(network, components)
    }

    func checkPageRank(_ network: Network, _ reference: [String: Double]) {
        #expect(reference.count == network.nodes.count)
        var worst = 0.0
        var wrong: [String] = []
        for node in network.nodes {
            guard let expected = reference[node.id] else {
                wrong.append("\(node.id): networkx has none")
                continue
            }
            worst = max(worst, abs(node.pagerank - expected))
            if !(abs(node.pagerank - expected) <= Self.pagerankTolerance) {
                wrong.append("\(node.id): \(node.pagerank), networkx \(expected)")
            }
        }
        #expect(wrong.isEmpty, "pagerank of \(wrong.count) of \(network.nodes.count) nodes off by more than \(Self.pagerankTolerance) (worst \(worst)): \(wrong.prefix(3))")
        #expect(abs(network.nodes.reduce(0) { $0 + $1.pagerank } - 1) < 1e-9, "ranks sum to 1")
    }

    /// Betweenness is computed only among the `betweennessNodes` people of highest weighted degree
    /// (in and out), ties going to the lower node number, and nodes are numbered in address
    /// order. So: as many people have one as the rule says, none left out is better connected
    /// than one taken, the people taken are exactly the first by (degree descending, address),
    /// and on the graph among those taken each value is networkx's.
    func checkBetweenness(_ network: Network, _ reference: [String: Double]) {
        var degree: [String: Double] = [:]
        for edge in network.edges {
            degree[edge.source, default: 0] += edge.weight
            degree[edge.target, default: 0] += edge.weight
        }
        let taken = network.nodes.filter { $0.betweenness != nil }
        let left = network.nodes.filter { $0.betweenness == nil }
        #expect(taken.count == min(Self.betweennessNodes, network.nodes.count))
        let weakestTaken = taken.map { degree[$0.id] ?? 0 }.min() ?? 0
        let strongestLeft = left.map { degree[$0.id] ?? 0 }.max() ?? 0
        #expect(left.isEmpty || weakestTaken >= strongestLeft,
                "a person left out (degree \(strongestLeft)) is better connected than one taken (\(weakestTaken))")
        // Many people tie at the cut-off (degree 1 in the synthetic store): the address decides.
        // (Degrees are sums of 1 and 0.5, exact in any order.)
        let ranked = network.nodes.map(\.id).sorted { (degree[$1] ?? 0, $0) < (degree[$0] ?? 0, $1) }
        let expected = Set(ranked.prefix(Self.betweennessNodes))
        let outOfTurn = Set(taken.map(\.id)).subtracting(expected)
        #expect(outOfTurn.isEmpty, "\(outOfTurn.count) taken out of turn, e.g. \(outOfTurn.sorted().prefix(3))")
        #expect(reference.count == taken.count)
        var worst = 0.0
        var wrong: [String] = []
        for node in taken {
            guard let value = node.betweenness, let expected = reference[node.id] else {
                wrong.append("\(node.id): networkx has none")
                continue
            }
            worst = max(worst, abs(value - expected))
            if !(abs(value - expected) <= Self.betweennessTolerance) {
                wrong.append("\(node.id): \(value), networkx \(expected)")
            }
        }
        #expect(wrong.isEmpty, "betweenness of \(wrong.count) of \(taken.count) nodes off by more than \(Self.betweennessTolerance) (worst \(worst)): \(wrong.prefix(3))")
        #expect(taken.contains { ($0.betweenness ?? 0) > 0.1 }, "a graph this size has a broker")
    }

    /// What holds of any settled label propagation, whatever the order and the ties: each person
    /// with a link is in a community that weighs the most among their neighbours (weights of
    /// both directions added); a person without one is alone; a label only spreads along links,
    /// so no community spans two connected components; and communities are numbered 0, 1, …
    /// from the largest.
    func checkCommunities(_ network: Network, _ components: [[String]]) {
        let community = Dictionary(uniqueKeysWithValues: network.nodes.map { ($0.id, $0.community) })
        var neighbours: [String: [String: Double]] = [:]
        for edge in network.edges where edge.source != edge.target {
            neighbours[edge.source, default: [:]][edge.target, default: 0] += edge.weight
            neighbours[edge.target, default: [:]][edge.source, default: 0] += edge.weight
        }
        let sizes = Dictionary(grouping: network.nodes, by: \.community).mapValues(\.count)
        #expect(Set(sizes.keys) == Set(0..<sizes.count), "communities numbered 0…\(sizes.count - 1): \(sizes.keys.sorted())")
        for label in 0..<max(0, sizes.count - 1) {
            #expect((sizes[label] ?? 0) >= (sizes[label + 1] ?? 0), "community \(label) smaller than \(label + 1)")
        }
        var alone: [String] = [], outvoted: [String] = []
        for node in network.nodes {
            guard let around = neighbours[node.id], !around.isEmpty else {
                if sizes[node.community] != 1 { alone.append("\(node.id) in \(node.community)") }
                continue
            }
            var votes: [Int: Double] = [:]
            for (neighbour, weight) in around { votes[community[neighbour]!, default: 0] += weight }
            let best = votes.values.max()!
            if (votes[node.community] ?? 0) < best - 1e-9 {
                outvoted.append("\(node.id) in \(node.community) (weight \(votes[node.community] ?? 0) among its neighbours, another \(best))")
            }
        }
        #expect(alone.isEmpty, "people without a link share a community: \(alone.prefix(3))")
        #expect(outvoted.isEmpty, "\(outvoted.count) people not in the community that weighs most among their neighbours: \(outvoted.prefix(3))")
        var componentOf: [String: Int] = [:]
        for (index, component) in components.enumerated() { for id in component { componentOf[id] = index } }
        #expect(componentOf.count == network.nodes.count)
        let spanning = Dictionary(grouping: network.nodes, by: \.community)
            .mapValues { Set($0.compactMap { componentOf[$0.id] }).count }.filter { $0.value > 1 }
        #expect(spanning.isEmpty, "communities spanning several connected components: \(spanning)")
    }
}
