import Foundation
import Hummingbird
import MailModel
import Reports
import Store

/// A contact as the contact page and `/api/v1/contact` show them: each mailbox's profile
/// (as `pstscope senders` gives it), their mail per month both ways, how fast replies went,
/// their gaps, and their strongest links.
struct ContactView: Encodable, Sendable {
    let email: String
    let name: String?
    let profiles: [SenderOutput.Profile]
    let months: [ContactMonth]
    let responseTimes: ResponseTimes
    let gaps: [ContactGap]
    let links: [NetworkEdgeRecord]

    struct ContactGap: Encodable, Sendable {
        let custodian: String
        let gap: GapRow
    }

    let records: [SenderProfileRecord]

    enum CodingKeys: String, CodingKey {
        case email, name, profiles, months, responseTimes, gaps, links
    }

    /// The contact's view, read once per version of the store.
    static func of(_ email: String, store: AnalyticsStore, feed: LiveFeed) throws -> ContactView {
        try feed.remember("contact \(email)") { try ContactView(email: email, store: store) }
    }

    init(email: String, store: AnalyticsStore) throws {
        records = try store.senderProfiles(email: email)
        months = try store.contactMonths(email)
        guard !records.isEmpty || !months.isEmpty else {
            throw HTTPError(.notFound, message: "no mail with \(email) in this store")
        }
        self.email = email
        name = records.compactMap(\.name).first
        profiles = records.map(SenderOutput.Profile.init)
        responseTimes = try store.responseTimes(email)
        gaps = try store.timeline(TimelineQuery(contact: email)).flatMap { entity in
            entity.gaps.map { ContactGap(custodian: entity.custodian, gap: GapRow($0, custodian: entity.custodian, contact: email)) }
        }
        links = try store.strongestLinks(email)
    }
}

/// What the contact search's autocomplete offers: an address, its names, and its page.
struct ContactSuggestion: Encodable {
    let email: String
    let names: String
    let link: String

    init(_ match: ContactMatch) {
        email = match.email
        names = match.names
        link = Links.contact(match.email)
    }
}

/// One mailbox's profile of the contact as a table row: the counts as `pstscope senders` gives
/// them, the times in hours to one decimal.
struct ProfileRow {
    let custodian: String
    let custodianLink: String
    let classification: String
    let confidence: String
    let signals: String
    let emailsFromContact: Int
    let emailsToContact: Int
    let totalEmails: Int
    let firstContact: String
    let lastContact: String
    let ownerReplyHours: String
    let contactReplyHours: String
    let importance: String

    init(_ record: SenderProfileRecord) {
        custodian = record.custodian
        custodianLink = Links.custodian(record.custodian)
        classification = record.classification.rawValue
        confidence = record.confidenceScore.fixed(2)
        let signs = [("list or machine headers", record.signals.bulkHeaders), ("a no-reply address", record.signals.noreplyAddress),
                     ("steady mail never answered", record.signals.unansweredVolume)]
            .compactMap { name, probability in probability.map { "\(name) (\($0.fixed(2)))" } }
        signals = signs.isEmpty
            ? "\(record.classification.rawValue): no sign of automated mail; classed by address and exchange"
            : "\(record.classification.rawValue): " + signs.joined(separator: ", ")
        emailsFromContact = record.sentToOwner
        emailsToContact = record.receivedFromOwner
        totalEmails = record.totalEmails
        firstContact = record.firstContact ?? "–"
        lastContact = record.lastContact ?? "–"
        ownerReplyHours = record.ownerResponseMedianHours?.fixed(1) ?? "–"
        contactReplyHours = record.contactResponseMedianHours?.fixed(1) ?? "–"
        importance = record.importanceScore.fixed(1)
    }
}
