import Foundation
import Testing
@testable import Analysis

/// PageRank, betweenness and communities of `Graph` on graphs small enough to work out by
/// hand; every expected value below comes from the equations in the comments, not the code.
struct GraphTests {
    func graph(_ nodeCount: Int, _ edges: [(Int, Int, Double)]) -> Graph {
        Graph(nodeCount: nodeCount, edges: edges.map { (source: $0.0, target: $0.1, weight: $0.2) })
    }

    /// The iteration stops after 100 rounds; a round shrinks the L1 distance to the fixed point
    /// by the damping factor, so it ends within 2 × 0.85^100 ≈ 1.7e-7 of it. (The weighted graph
    /// below, 0 ↔ {1, 2}, alternates between two sides, the slowest case: the error changes sign
    /// each round and shrinks by exactly 0.85; it ends 1.3e-8 off, so 1e-9 would fail.)
    static let rankTolerance = 1e-6

    func expectRanks(_ ranks: [Double], _ expected: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(ranks.count == expected.count, sourceLocation: sourceLocation)
        for (i, (rank, value)) in zip(ranks, expected).enumerated() {
            #expect(abs(rank - value) <= Self.rankTolerance, "node \(i): \(rank), expected \(value)",
                    sourceLocation: sourceLocation)
        }
        #expect(abs(ranks.reduce(0, +) - 1) < 1e-12, "ranks sum to 1", sourceLocation: sourceLocation)
    }

    // MARK: - PageRank

    @Test func pageRankOfNothingIsEmpty() {
        #expect(graph(0, []).pageRank().isEmpty)
    }

    /// Weight, not the number of links, splits a node's rank: 0 writes to 1 with weight 3 and
    /// to 2 with weight 1; both write back to 0. With d = 0.85 and n = 3:
    ///   r0 = 0.05 + d(r1 + r2) = 0.05 + d(1 - r0)  →  r0 = 0.9 / 1.85 = 18/37
    ///   r1 = 0.05 + d · 3/4 · r0 = 13.325/37,   r2 = 0.05 + d · 1/4 · r0 = 5.675/37.
    @Test func pageRankSplitsRankByWeight() {
        let ranks = graph(3, [(0, 1, 3), (0, 2, 1), (1, 0, 1), (2, 0, 1)]).pageRank()
        expectRanks(ranks, [18 / 37, 13.325 / 37, 5.675 / 37])
    }

    /// Nodes without outgoing mail spread their rank over everyone. 0 → 1 only; 1 and 2 dangle,
    /// so 0 and 2 are fed alike (r0 = r2 = a, r1 = b = 1 - 2a):
    ///   a = 0.05 + d(a + b)/3 = 0.05 + d(1 - a)/3  →  3.85a = 1  →  a = 20/77, b = 37/77.
    @Test func danglingNodesSpreadTheirRankEvenly() {
        expectRanks(graph(3, [(0, 1, 1)]).pageRank(), [20 / 77, 37 / 77, 20 / 77])
        // A heavier single edge changes nothing: all of 0's rank goes to 1 either way.
        expectRanks(graph(3, [(0, 1, 7.5)]).pageRank(), [20 / 77, 37 / 77, 20 / 77])
    }

    /// The damping factor is the one given: with d = 0.5 on 0 → 1 (n = 2, 1 dangling):
    ///   r0 = 0.25 + 0.5 · r1/2,  r1 = 1 - r0  →  1.25 r0 = 0.5  →  r0 = 0.4, r1 = 0.6.
    /// With d = 0 every node gets 1/n.
    @Test func dampingIsTheOneGiven() {
        expectRanks(graph(2, [(0, 1, 1)]).pageRank(damping: 0.5), [0.4, 0.6])
        expectRanks(graph(4, [(0, 1, 1), (1, 2, 2)]).pageRank(damping: 0), [0.25, 0.25, 0.25, 0.25])
        // 0.85 by default: 2 nodes, 0 → 1: r0 = 0.075 + 0.425 r1, r1 = 1 - r0 → r0 = 20/57.
        expectRanks(graph(2, [(0, 1, 1)]).pageRank(), [20 / 57, 37 / 57])
    }

    // MARK: - Betweenness

    /// On a path of n nodes, the k-th (from 0) lies between k · (n - 1 - k) pairs; normalised by
    /// the (n - 1)(n - 2) / 2 pairs that exclude it: 0, 3/6, 4/6, 3/6, 0 for n = 5. Direction,
    /// weight and a link in both directions change nothing.
    @Test func betweennessOnAPath() {
        let path = graph(5, [(0, 1, 1), (2, 1, 9), (1, 2, 0.5), (2, 3, 1), (4, 3, 2)])
        let values = path.betweenness(among: [0, 1, 2, 3, 4])
        let expected: [Int: Double] = [0: 0, 1: 0.5, 2: 4.0 / 6, 3: 0.5, 4: 0]
        #expect(Set(values.keys) == Set(expected.keys))
        for (node, value) in expected {
            #expect(abs(values[node]! - value) < 1e-12, "node \(node): \(values[node]!), expected \(value)")
        }
    }

    /// A star's centre lies on every path between two leaves: 1; the leaves on none.
    @Test func betweennessOfAStar() {
        let star = graph(5, [(0, 1, 1), (0, 2, 1), (3, 0, 1), (4, 0, 5)])
        let values = star.betweenness(among: [0, 1, 2, 3, 4])
        #expect(values == [0: 1, 1: 0, 2: 0, 3: 0, 4: 0])
    }

    /// A star 0 – {1, 2, 3, 4} plus node 5 linked to leaves 1 and 2. Pairs and who is between:
    ///   1–2: two shortest paths (via 0, via 5): 0 and 5 get 1/2 each;
    ///   1–3, 1–4, 2–3, 2–4, 3–4: 0 gets 1 each (5 in all);
    ///   5–0: via 1 or via 2: 1 and 2 get 1/2 each;
    ///   5–3, 5–4: 5-1-0-x or 5-2-0-x: 0 gets 1, 1 and 2 get 1/2, each pair.
    /// So 0: 0.5 + 5 + 2 = 7.5, 1 and 2: 1.5, 5: 0.5, 3 and 4: 0; over 5 · 4 / 2 = 10 pairs.
    /// Among the star's five only, node 5 is not there: the centre is back to 1.
    @Test func betweennessSplitsAmongShortestPathsAndKeepsToTheNodesGiven() {
        let g = graph(6, [(0, 1, 1), (0, 2, 1), (0, 3, 1), (0, 4, 1), (5, 1, 1), (2, 5, 1)])
        let all = g.betweenness(among: [0, 1, 2, 3, 4, 5])
        let expected: [Int: Double] = [0: 0.75, 1: 0.15, 2: 0.15, 3: 0, 4: 0, 5: 0.05]
        for (node, value) in expected {
            #expect(abs(all[node]! - value) < 1e-12, "node \(node): \(all[node]!), expected \(value)")
        }
        let star = g.betweenness(among: [0, 1, 2, 3, 4])
        #expect(star[5] == nil)
        #expect(star == [0: 1, 1: 0, 2: 0, 3: 0, 4: 0])
        // The order the nodes are given in does not matter.
        #expect(g.betweenness(among: [4, 3, 2, 1, 0]) == star)
    }

    /// With fewer than three nodes nobody can be between two others.
    @Test func betweennessOfTwoNodesIsZero() {
        #expect(graph(2, [(0, 1, 1)]).betweenness(among: [0, 1]) == [0: 0, 1: 0])
        #expect(graph(3, [(0, 1, 1), (1, 2, 1)]).betweenness(among: [1]) == [1: 0])
    }

    // MARK: - Communities

    /// Two cliques (weight 5 on each link) joined by one link of weight 1 form two communities,
    /// numbered from the larger: the five-clique {3…7} is 0, the three-clique {0, 1, 2} is 1;
    /// node 8, with no link at all, is a community of its own, the last.
    @Test func twoCliquesJoinedByAWeakLinkAreTwoCommunities() {
        var edges: [(Int, Int, Double)] = []
        for clique in [Array(0...2), Array(3...7)] {
            for a in clique { for b in clique where a < b { edges.append((a, b, 5)) } }
        }
        edges.append((2, 3, 1))
        let community = graph(9, edges).communities()
        #expect(community == [1, 1, 1, 0, 0, 0, 0, 0, 2])
    }

    /// Weight counts, not the number of neighbours: node 6 has two links of weight 1 into the
    /// clique {0, 1, 2} and one of weight 3 (both directions, 2 + 1, added) into {3, 4, 5}: it
    /// joins the second, which becomes the larger (4 against 3), so community 0.
    @Test func theHeavierSideWinsOverTheMoreNumerousOne() {
        var edges: [(Int, Int, Double)] = []
        for clique in [[0, 1, 2], [3, 4, 5]] {
            for a in clique { for b in clique where a < b { edges.append((a, b, 5)) } }
        }
        edges += [(6, 0, 1), (1, 6, 1), (6, 3, 2), (3, 6, 1)]
        #expect(graph(7, edges).communities() == [1, 1, 1, 0, 0, 0, 0])
    }

    @Test func communitiesOfNothingAndOfStrangers() {
        #expect(graph(0, []).communities().isEmpty)
        // No links: everyone alone, all of size 1.
        #expect(Set(graph(3, []).communities()) == [0, 1, 2])
    }
}
