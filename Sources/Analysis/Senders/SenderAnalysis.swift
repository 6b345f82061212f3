import Foundation
import MailModel
import Store
import Workdays

/// What a sender recomputation did.
public struct SenderSummary: Sendable, Equatable {
    public var profiles: Int
    public var replies: Int
    public var nodes: Int
    public var edges: Int
    public var seconds: Double
}

/// Sender analytics and the network over the whole store: one streaming pass tallies, per
/// custodian, each correspondent's mail with the owner and, store-wide, who wrote to whom;
/// replies are matched to what they answer; addresses of one person are merged; then every
/// profile is scored and classified, the graph ranked, and all results replace the stored ones.
public enum SenderAnalysis {
    /// Betweenness is computed among this many best-connected people.
    static let betweennessNodes = 300

    public static func recompute(_ store: AnalyticsStore, settings: TimelineSettings, zones: MailboxZones,
                                 session: String? = nil) throws(StoreError) -> SenderSummary
    {
        let clock = ContinuousClock.now
        // The reply links come from queries of their own, which need nothing from the scan.
        let replyLinks = Background { () throws(StoreError) in try store.replyLinks() }
        var scan = SenderScan(files: try store.timelineFiles(), zones: zones,
                              namedAddresses: try store.addressesOfUnaddressedNames())
        try store.scanMessages { scan.add($0) }
        let years = scan.span.years ?? 2000...2000
        let calendar = settings.calendar(years: years)
        let hours = scan.zones.map { BusinessHours(calendar: calendar, zone: $0) }
        let utc = BusinessHours(calendar: calendar, zone: .utc)
        // Mapped, not appended: one array of the exact size (a million-message store has
        // 300,000 replies), and the links alone are let go when it is made.
        let replies = try replyLinks.value().map { link in
            (link: link, businessSeconds: scan.addReply(link, hours: hours, utc: utc))
        }

        var identities = scan.identities.links()
        for (name, address) in scan.nameResolutions where identities[address] == nil {
            identities["name:" + name] = (address, "the only address named \"\(name)\"")
        }
        var results = SenderResults()
        results.identityLinks = identities
        results.replies = replies
        let network = NetworkBuilder(scan: scan, identities: identities).build()
        results.nodes = network.nodes
        results.edges = network.edges
        let ranks = Dictionary(uniqueKeysWithValues: network.nodes.map { ($0.email, $0) })
        results.profiles = scan.profiles(identities: identities, ranks: ranks)
        try store.replaceSenders(results)
        let elapsed = ContinuousClock.now - clock
        return SenderSummary(profiles: results.profiles.count, replies: replies.count, nodes: results.nodes.count,
                             edges: results.edges.count, seconds: elapsed.seconds)
    }
}

/// The tallies of one pass over the store.
struct SenderScan {
    let mailboxes: Mailboxes
    /// Each custodian's zone: business hours and months are the owner's.
    let zones: [Zone]
    var addresses: [String] = []
    var addressIndex: [String: Int32] = [:]
    /// Per custodian, per address index.
    var contacts: [[Int32: ContactTally]] = []
    var network = NetworkTally()
    var identities = IdentityResolver()
    /// Per message id: sender address index (-1 none), and the mailbox holding it (-1 none,
    /// -2 several, listed in `sharedCustodians`). Two bytes a message, as most messages sit in
    /// one mailbox: an array each would cost 40 (40 MB for a million).
    var senderOf: [Int32] = []
    var custodianOf: [Int16] = []
    var sharedCustodians: [Int: [Int16]] = [:]
    var lastDate: [Int64?] = []
    /// Display names that senders carry without an address, resolved to the one address
    /// the store gives that name elsewhere (Exchange mail whose sender could not be resolved).
    var nameResolutions: [String: String] = [:]
    var span = YearSpan()

    var custodians: [String] { mailboxes.custodians }
    var owners: [Set<String>] { mailboxes.owners }

    init(files: [TimelineFile], zones: MailboxZones = MailboxZones(), namedAddresses: [String: [String: Int]] = [:]) {
        for (name, addresses) in namedAddresses where addresses.count == 1 {
            nameResolutions[name] = addresses.keys.first!
        }
        mailboxes = Mailboxes(files: files)
        self.zones = mailboxes.custodians.map(zones.zone(of:))
        contacts = Array(repeating: [:], count: mailboxes.custodians.count)
        lastDate = Array(repeating: nil, count: mailboxes.custodians.count)
    }

    mutating func intern(_ address: String) -> Int32 {
        if let index = addressIndex[address] { return index }
        let index = Int32(addresses.count)
        addresses.append(address)
        addressIndex[address] = index
        return index
    }

    mutating func add(_ facts: MessageFacts) {
        let address = facts.sender ?? facts.senderName.flatMap { nameResolutions[$0] }
        let sender = address.map { intern($0) }
        if let sender { identities.saw(addresses[Int(sender)], name: facts.senderName) }
        var recipients: [(Int32, RecipientKind)] = []
        for (i, email) in facts.recipients.enumerated() {
            let index = intern(email)
            recipients.append((index, facts.recipientKinds[i]))
            identities.saw(email, name: facts.recipientNames[i])
        }
        if let sender { network.add(sender: sender, recipients: recipients) }
        span.include(facts.date)
        let holders = mailboxes.custodians(of: facts.files)
        let id = Int(facts.id)
        if id >= senderOf.count {
            senderOf += Array(repeating: -1, count: id + 1 - senderOf.count + senderOf.count / 2)
            custodianOf += Array(repeating: -1, count: senderOf.count - custodianOf.count)
        }
        senderOf[id] = sender ?? -1
        switch holders.count {
        case 0: custodianOf[id] = -1
        case 1: custodianOf[id] = Int16(holders[0])
        default:
            custodianOf[id] = -2
            sharedCustodians[id] = holders.map(Int16.init)
        }

        for custodian in holders {
            if let date = facts.date { lastDate[custodian] = max(lastDate[custodian] ?? date, date) }
            let owner = owners[custodian]
            guard let sender else { continue }
            if owner.contains(addresses[Int(sender)]) {
                var counted: Set<Int32> = []
                for (recipient, _) in recipients where !owner.contains(addresses[Int(recipient)]) {
                    guard counted.insert(recipient).inserted else { continue }
                    contacts[custodian][recipient, default: ContactTally()].receivedFromOwner += 1
                    contacts[custodian][recipient]!.count(at: facts.date, zone: zones[custodian])
                }
            } else {
                contacts[custodian][sender, default: ContactTally()].sentToOwner += 1
                if facts.bulk { contacts[custodian][sender]!.bulkFromContact += 1 }
                contacts[custodian][sender]!.count(at: facts.date, zone: zones[custodian])
            }
        }
    }

    func custodians(ofMessage id: Int) -> [Int] {
        switch custodianOf[id] {
        case -1: []
        case -2: sharedCustodians[id, default: []].map(Int.init)
        case let custodian: [Int(custodian)]
        }
    }

    /// Files a matched reply under the owner's answers or the contact's, in each mailbox that
    /// holds the reply; returns its working-time delay.
    /// The delay is counted in the business hours of the first mailbox that holds the reply
    /// (UTC when none does), and in each mailbox's own for its profiles.
    mutating func addReply(_ link: ReplyLink, hours: [BusinessHours], utc: BusinessHours) -> Int64 {
        guard let replied = link.replySentAt, let asked = link.parentSentAt, replied >= asked,
              Int(link.replyID) < senderOf.count, Int(link.parentID) < senderOf.count else { return 0 }
        let holders = custodians(ofMessage: Int(link.replyID))
        let business = (holders.first.map { hours[$0] } ?? utc).seconds(from: asked, to: replied)
        let replier = senderOf[Int(link.replyID)], asker = senderOf[Int(link.parentID)]
        guard replier >= 0, asker >= 0, replier != asker else { return business }
        for custodian in holders {
            let own = custodian == holders.first ? business : hours[custodian].seconds(from: asked, to: replied)
            let reply = ContactTally.Reply(at: replied, seconds: replied - asked, businessSeconds: own)
            let owner = owners[custodian]
            let replierIsOwner = owner.contains(addresses[Int(replier)])
            let askerIsOwner = owner.contains(addresses[Int(asker)])
            if replierIsOwner && !askerIsOwner {
                contacts[custodian][asker, default: ContactTally()].ownerReplies.append(reply)
            } else if askerIsOwner && !replierIsOwner {
                contacts[custodian][replier, default: ContactTally()].contactReplies.append(reply)
            }
        }
        return business
    }

    /// Every correspondent of every custodian, merged by identity, scored and classified.
    func profiles(identities links: [String: (identity: String, reason: String)],
                  ranks: [String: NetworkNodeRecord]) -> [SenderProfileRecord] {
        // At most one a tally: reserved once, as growing by doubling held up to twice the
        // profiles at a time (40 MB for 35,000).
        var profiles: [SenderProfileRecord] = []
        profiles.reserveCapacity(contacts.reduce(0) { $0 + $1.count })
        for custodian in custodians.indices {
            var merged: [String: ContactTally] = [:]
            for (index, tally) in contacts[custodian] {
                let address = addresses[Int(index)]
                let identity = links[address]?.identity ?? address
                guard !owners[custodian].contains(identity) else { continue }
                merged[identity, default: ContactTally()].merge(tally)
            }
            let maximum = merged.values.map(\.total).max() ?? 0
            let domains = Set(owners[custodian].compactMap(Classifier.domain))
            for (address, tally) in merged where tally.total > 0 {
                var profile = ProfileBuilder.profile(
                    tally, address: address, custodian: custodians[custodian], name: identities.name(of: address),
                    maximumTotal: maximum, ownerDomains: domains, mailboxLast: lastDate[custodian])
                profile.pagerank = ranks[address]?.pagerank
                profile.betweenness = ranks[address]?.betweenness
                profile.community = ranks[address]?.community
                profiles.append(profile)
            }
        }
        profiles.sort { ($0.importanceScore, $1.email) > ($1.importanceScore, $0.email) }
        return profiles
    }
}

/// The stored graph: identities as nodes, ranks and communities computed.
struct NetworkBuilder {
    let scan: SenderScan
    let identities: [String: (identity: String, reason: String)]

    func build() -> (nodes: [NetworkNodeRecord], edges: [NetworkEdgeRecord]) {
        func identity(_ address: Int32) -> String {
            let raw = scan.addresses[Int(address)]
            return identities[raw]?.identity ?? raw
        }
        // Nodes are numbered in address order, not in the order the scan met them (that follows
        // message ids, which follow the order files were written in): the same mail gives the
        // same ranks and communities, however it was imported.
        var seen = Set<String>()
        for edge in scan.network.edges.keys { seen.formUnion([identity(edge.source), identity(edge.target)]) }
        for address in scan.network.sent.keys { seen.insert(identity(address)) }
        for address in scan.network.received.keys { seen.insert(identity(address)) }
        let names = seen.sorted()
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        func node(_ address: Int32) -> Int { index[identity(address)]! }

        var weights: [NetworkTally.Edge: (weight: Double, messages: Int)] = [:]
        var sent: [Int: Int] = [:], received: [Int: Int] = [:]
        let byAddress = scan.network.edges.sorted {
            (scan.addresses[Int($0.key.source)], scan.addresses[Int($0.key.target)])
                < (scan.addresses[Int($1.key.source)], scan.addresses[Int($1.key.target)])
        }
        for (edge, value) in byAddress {
            let source = node(edge.source), target = node(edge.target)
            guard source != target else { continue }
            let key = NetworkTally.Edge(source: Int32(source), target: Int32(target))
            weights[key, default: (0, 0)].weight += value.weight
            weights[key, default: (0, 0)].messages += value.messages
        }
        for (address, count) in scan.network.sent { sent[node(address), default: 0] += count }
        for (address, count) in scan.network.received { received[node(address), default: 0] += count }

        // In a fixed order: sums of floating-point weights must not depend on a hash seed.
        let links = weights.sorted { ($0.key.source, $0.key.target) < ($1.key.source, $1.key.target) }
        let graph = Graph(nodeCount: names.count, edges: links.map { (Int($0.key.source), Int($0.key.target), $0.value.weight) })
        let rank = graph.pageRank()
        var degree = Array(repeating: 0.0, count: names.count)
        for (edge, value) in links {
            degree[Int(edge.source)] += value.weight
            degree[Int(edge.target)] += value.weight
        }
        let hubs = Array(degree.indices.sorted { (degree[$0], -$0) > (degree[$1], -$1) }.prefix(SenderAnalysis.betweennessNodes))
        let betweenness = graph.betweenness(among: hubs)
        let community = graph.communities()
        let owners = Set(scan.owners.flatMap { $0 })
        let nodes = names.indices.map { i in
            NetworkNodeRecord(email: names[i], name: scan.identities.name(of: names[i]), messagesSent: sent[i] ?? 0,
                              messagesReceived: received[i] ?? 0, pagerank: rank[i], betweenness: betweenness[i],
                              community: community[i], isOwner: owners.contains(names[i]))
        }
        let heaviest = weights.values.map(\.weight).max() ?? 1
        let edges = links.map { edge, value in
            NetworkEdgeRecord(source: names[Int(edge.source)], target: names[Int(edge.target)], weight: value.weight,
                              messages: value.messages, strength: value.weight / heaviest)
        }
        return (nodes, edges)
    }
}
