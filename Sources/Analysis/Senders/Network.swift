/// The communication graph: nodes are people, directed edges carry message weight.
struct Graph: Sendable {
    let nodeCount: Int
    /// Outgoing edges per node: (target, weight).
    let outgoing: [[(target: Int, weight: Double)]]

    init(nodeCount: Int, edges: [(source: Int, target: Int, weight: Double)]) {
        self.nodeCount = nodeCount
        var outgoing = Array(repeating: [(target: Int, weight: Double)](), count: nodeCount)
        for edge in edges { outgoing[edge.source].append((edge.target, edge.weight)) }
        self.outgoing = outgoing
    }

    /// Weighted PageRank (damping 0.85); a node without outgoing mail spreads its rank evenly.
    /// Stops when the ranks move by less than 1e-10 in total, or after 100 rounds.
    func pageRank(damping: Double = 0.85) -> [Double] {
        guard nodeCount > 0 else { return [] }
        let n = Double(nodeCount)
        var rank = Array(repeating: 1 / n, count: nodeCount)
        let totals = outgoing.map { $0.reduce(0) { $0 + $1.weight } }
        for _ in 0..<100 {
            var next = Array(repeating: 0.0, count: nodeCount)
            var dangling = 0.0
            for node in 0..<nodeCount {
                if totals[node] == 0 { dangling += rank[node]; continue }
                for edge in outgoing[node] { next[edge.target] += rank[node] * edge.weight / totals[node] }
            }
            var change = 0.0
            for node in 0..<nodeCount {
                let value = (1 - damping) / n + damping * (next[node] + dangling / n)
                change += abs(value - rank[node])
                next[node] = value
            }
            rank = next
            if change < 1e-10 { break }
        }
        return rank
    }

    /// Betweenness centrality (Brandes) on the undirected, unweighted graph among `nodes`,
    /// normalised to 0…1. Run on the best-connected nodes only: the cost is nodes × edges.
    func betweenness(among nodes: [Int]) -> [Int: Double] {
        let index = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1, $0) })
        var neighbours = Array(repeating: Set<Int>(), count: nodes.count)
        for (i, node) in nodes.enumerated() {
            for edge in outgoing[node] {
                guard let j = index[edge.target], j != i else { continue }
                neighbours[i].insert(j)
                neighbours[j].insert(i)
            }
        }
        let lists = neighbours.map { $0.sorted() }
        var centrality = Array(repeating: 0.0, count: nodes.count)
        for source in 0..<nodes.count {
            var stack: [Int] = []
            var predecessors = Array(repeating: [Int](), count: nodes.count)
            var paths = Array(repeating: 0.0, count: nodes.count)
            var distance = Array(repeating: -1, count: nodes.count)
            paths[source] = 1
            distance[source] = 0
            var queue = [source]
            var head = 0
            while head < queue.count {
                let v = queue[head]
                head += 1
                stack.append(v)
                for w in lists[v] {
                    if distance[w] < 0 {
                        distance[w] = distance[v] + 1
                        queue.append(w)
                    }
                    if distance[w] == distance[v] + 1 {
                        paths[w] += paths[v]
                        predecessors[w].append(v)
                    }
                }
            }
            var dependency = Array(repeating: 0.0, count: nodes.count)
            while let w = stack.popLast() {
                for v in predecessors[w] { dependency[v] += paths[v] / paths[w] * (1 + dependency[w]) }
                if w != source { centrality[w] += dependency[w] }
            }
        }
        let n = Double(nodes.count)
        let scale = n > 2 ? 1 / ((n - 1) * (n - 2)) : 0
        return Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1, centrality[$0] * scale) })
    }

    /// Communities by weighted label propagation on the undirected graph, in a fixed order so
    /// that the result is the same every run: each node takes the label with the most weight
    /// among its neighbours (the smallest label on ties), until nothing changes (at most 30 rounds).
    /// Labels are then renumbered 0, 1, … by community size.
    func communities() -> [Int] {
        var undirected = Array(repeating: [Int: Double](), count: nodeCount)
        for node in 0..<nodeCount {
            for edge in outgoing[node] where edge.target != node {
                undirected[node][edge.target, default: 0] += edge.weight
                undirected[edge.target][node, default: 0] += edge.weight
            }
        }
        var label = Array(0..<nodeCount)
        for _ in 0..<30 {
            var changed = false
            for node in 0..<nodeCount where !undirected[node].isEmpty {
                var votes: [Int: Double] = [:]
                for (neighbour, weight) in undirected[node].sorted(by: { $0.key < $1.key }) {
                    votes[label[neighbour], default: 0] += weight
                }
                let best = votes.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }!.key
                if best != label[node] {
                    label[node] = best
                    changed = true
                }
            }
            if !changed { break }
        }
        let sizes = Dictionary(grouping: label, by: { $0 }).mapValues(\.count)
        let order = sizes.keys.sorted { (sizes[$0]!, -$0) > (sizes[$1]!, -$1) }
        let renumber = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        return label.map { renumber[$0]! }
    }
}
