import Foundation
import Hummingbird
import MailModel
import Store

/// The strongest links of the communication network, laid out for drawing: the network page
/// and `/api/v1/network`. Links join two people whichever way the mail went.
struct NetworkView: Encodable, Sendable {
    let custodian: String?
    let community: Int?
    let nodes: [Node]
    let links: [Link]
    /// The communities present in the whole network, for the filter.
    let communities: [Int]

    struct Node: Encodable, Sendable {
        let email: String
        let name: String?
        let community: Int
        let pagerank: Double
        let isOwner: Bool
        let x: Double
        let y: Double
        let radius: Double
        let color: String
        let link: String
    }

    struct Link: Encodable, Sendable {
        let source: String
        let target: String
        let messages: Int
        let weight: Double
        let x1: Double, y1: Double, x2: Double, y2: Double
        let width: Double
    }

    static let width = 960.0, height = 640.0

    static func top(_ parameters: Parameters) throws -> Int { try parameters.integer("top", in: 1...300, fallback: 60) }

    /// The view the parameters ask for (`custodian`, `community`, `top`), laid out once per
    /// version of the store.
    static func of(_ parameters: Parameters, store: AnalyticsStore, feed: LiveFeed) throws -> NetworkView {
        let custodian = try parameters.custodian(in: store)
        let community = try parameters.text("community").map { text in
            guard let number = Int(text) else { throw HTTPError(.badRequest, message: "community is a whole number") }
            return number
        }
        let top = try top(parameters)
        return try feed.remember("network \(custodian ?? "")\n\(community.map(String.init) ?? "")\n\(top)") {
            try NetworkView(store: store, custodian: custodian, community: community, top: top)
        }
    }
    static let palette = ["#2f6fdf", "#e8833a", "#3aa675", "#c94a4a", "#8a5cc2", "#b59a2a", "#3b9fb5", "#777777"]

    init(store: AnalyticsStore, custodian: String?, community: Int?, top: Int) throws {
        self.custodian = custodian
        self.community = community
        let everyone = try store.networkNodes()
        communities = Array(Set(everyone.map(\.community))).sorted()
        let members = try custodian.map { try store.networkMembers(custodian: $0) }
        let byEmail = Dictionary(everyone.map { ($0.email, $0) }, uniquingKeysWith: { first, _ in first })
        func included(_ email: String) -> Bool {
            guard let node = byEmail[email] else { return false }
            if let members, !members.contains(email) { return false }
            if let community, node.community != community { return false }
            return true
        }
        // Both directions of a pair become one link.
        var pairs: [String: (source: String, target: String, messages: Int, weight: Double)] = [:]
        for edge in try store.networkEdges() where included(edge.source) && included(edge.target) {
            let (a, b) = edge.source < edge.target ? (edge.source, edge.target) : (edge.target, edge.source)
            pairs["\(a)\n\(b)", default: (a, b, 0, 0)].messages += edge.messages
            pairs["\(a)\n\(b)"]!.weight += edge.weight
        }
        let strongest = pairs.values.sorted { ($0.weight, $1.source, $1.target) > ($1.weight, $0.source, $0.target) }.prefix(top)
        let emails = Array(Set(strongest.flatMap { [$0.source, $0.target] })).sorted()
        let positions = ForceLayout.positions(
            count: emails.count, links: strongest.compactMap { link in
                guard let a = emails.firstIndex(of: link.source), let b = emails.firstIndex(of: link.target) else { return nil }
                return (a, b)
            }, width: Self.width, height: Self.height)
        let topRank = emails.compactMap { byEmail[$0]?.pagerank }.max() ?? 1
        nodes = emails.enumerated().compactMap { index, email in
            guard let node = byEmail[email] else { return nil }
            return Node(email: email, name: node.name, community: node.community, pagerank: node.pagerank,
                        isOwner: node.isOwner, x: positions[index].x.rounded(toPlaces: 1), y: positions[index].y.rounded(toPlaces: 1),
                        radius: (4 + 10 * (node.pagerank / max(topRank, 1e-12)).squareRoot()).rounded(toPlaces: 1),
                        color: Self.palette[abs(node.community) % Self.palette.count], link: Links.contact(email))
        }
        let heaviest = strongest.map(\.weight).max() ?? 1
        links = strongest.compactMap { link in
            guard let a = emails.firstIndex(of: link.source), let b = emails.firstIndex(of: link.target) else { return nil }
            return Link(source: link.source, target: link.target, messages: link.messages, weight: link.weight.rounded(toPlaces: 2),
                        x1: positions[a].x.rounded(toPlaces: 1), y1: positions[a].y.rounded(toPlaces: 1),
                        x2: positions[b].x.rounded(toPlaces: 1), y2: positions[b].y.rounded(toPlaces: 1),
                        width: (0.5 + 4 * link.weight / heaviest).rounded(toPlaces: 1))
        }
    }
}

/// Fruchterman and Reingold's force-directed layout: linked nodes attract, every pair repels,
/// and the moves cool over a fixed number of rounds. Starts from a circle, so the same network
/// is always drawn the same way.
enum ForceLayout {
    static func positions(count: Int, links: [(Int, Int)], width: Double, height: Double,
                          rounds: Int = 300) -> [(x: Double, y: Double)] {
        guard count > 0 else { return [] }
        let margin = 30.0
        let area = (width - 2 * margin) * (height - 2 * margin)
        let k = (area / Double(count)).squareRoot()
        var x = (0..<count).map { width / 2 + (width / 3) * cos(2 * .pi * Double($0) / Double(count)) }
        var y = (0..<count).map { height / 2 + (height / 3) * sin(2 * .pi * Double($0) / Double(count)) }
        var temperature = width / 10
        for _ in 0..<rounds {
            var dx = Array(repeating: 0.0, count: count), dy = Array(repeating: 0.0, count: count)
            for i in 0..<count {
                for j in (i + 1)..<count {
                    let ddx = x[i] - x[j], ddy = y[i] - y[j]
                    let distance = max((ddx * ddx + ddy * ddy).squareRoot(), 0.01)
                    let force = k * k / distance
                    dx[i] += ddx / distance * force; dy[i] += ddy / distance * force
                    dx[j] -= ddx / distance * force; dy[j] -= ddy / distance * force
                }
            }
            for (a, b) in links {
                let ddx = x[a] - x[b], ddy = y[a] - y[b]
                let distance = max((ddx * ddx + ddy * ddy).squareRoot(), 0.01)
                let force = distance * distance / k
                dx[a] -= ddx / distance * force; dy[a] -= ddy / distance * force
                dx[b] += ddx / distance * force; dy[b] += ddy / distance * force
            }
            for i in 0..<count {
                let length = max((dx[i] * dx[i] + dy[i] * dy[i]).squareRoot(), 0.01)
                x[i] = min(width - margin, max(margin, x[i] + dx[i] / length * min(length, temperature)))
                y[i] = min(height - margin, max(margin, y[i] + dy[i] / length * min(length, temperature)))
            }
            temperature = max(0.5, temperature * 0.985)
        }
        return (0..<count).map { (x[$0], y[$0]) }
    }
}
