import MailModel
import Store

/// Each mailbox's time zone, as the other analyses count days and hours in it.
public struct MailboxZones: Sendable {
    public private(set) var owners: [String: OwnerZone] = [:]
    private var zones: [String: Zone] = [:]
    /// The years of the mail, a year either side.
    public let years: ClosedRange<Int>

    public init(_ owners: [OwnerZone] = [], years: ClosedRange<Int> = 2000...2030) {
        self.years = years
        for owner in owners {
            self.owners[owner.custodian] = owner
            zones[owner.custodian] = Zone(identifier: owner.zone, years: years)
        }
    }

    /// The custodian's zone; UTC for one the analysis has not seen.
    public func zone(of custodian: String) -> Zone { zones[custodian] ?? .utc }
}

/// Finds every mailbox owner's zone (or takes the user's), stores them, and hands them to the
/// gap and sender analyses. One pass over the dated mail.
public enum ZoneAnalysis {
    public static func recompute(_ store: AnalyticsStore, settings: TimelineSettings) throws(StoreError) -> MailboxZones {
        let mailboxes = Mailboxes(files: try store.timelineFiles())
        let domains = mailboxes.owners.map { Set($0.compactMap(Classifier.domain)) }
        var tallies = Array(repeating: ZoneTally(), count: mailboxes.custodians.count)
        var span = YearSpan()
        try store.scanZoneFacts { facts in
            guard let custodian = mailboxes.custodians(of: [facts.sourceFileID]).first else { return }
            let sender = facts.sender
            let fromOwner = mailboxes.owners[custodian].contains(sender)
            let fromColleague = !fromOwner && Classifier.domain(sender).map(domains[custodian].contains) == true
            tallies[custodian].add(facts, fromOwner: fromOwner, fromColleague: fromColleague)
            span.include(facts.sentAt)
        }
        var owners: [OwnerZone] = []
        for (index, custodian) in mailboxes.custodians.enumerated() {
            let found = ZoneInference.infer(tallies[index])
            if let name = settings.timezones[custodian], let zone = Zone(identifier: name) {
                owners.append(OwnerZone(custodian: custodian, zone: zone.identifier, source: .override, confidence: 1,
                                        evidence: found.evidence))
            } else {
                owners.append(OwnerZone(custodian: custodian, zone: found.zone.identifier, source: found.source,
                                        confidence: found.confidence.rounded(toPlaces: 4), evidence: found.evidence))
            }
        }
        try store.replaceZones(owners)
        let years = span.years.map { ($0.lowerBound - 1)...($0.upperBound + 1) } ?? 2000...2030
        return MailboxZones(owners, years: years)
    }
}
