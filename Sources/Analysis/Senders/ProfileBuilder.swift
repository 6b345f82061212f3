import Foundation
import MailModel
import Store
import Workdays

/// Turns one correspondent's tally into the stored profile: counts, span, response times,
/// reciprocity, recency, trends, classification and importance.
enum ProfileBuilder {
    static func profile(_ tally: ContactTally, address: String, custodian: String, name: String?, maximumTotal: Int,
                        ownerDomains: Set<String>, mailboxLast: Int64?) -> SenderProfileRecord {
        var p = SenderProfileRecord(custodian: custodian, email: address)
        p.name = name
        p.sentToOwner = tally.sentToOwner
        p.receivedFromOwner = tally.receivedFromOwner
        p.totalEmails = tally.total
        p.firstContact = tally.first.map(iso8601)
        p.lastContact = tally.last.map(iso8601)
        p.activeMonths = tally.monthly.count
        let months = spanMonths(tally)
        p.avgEmailsPerMonth = months > 0 ? (Double(tally.total) / Double(months)).rounded(toPlaces: 3) : 0

        p.ownerResponses = tally.ownerReplies.count
        p.ownerResponseMedianHours = Statistics.median(tally.ownerReplies.map(hours)).map { $0.rounded(toPlaces: 3) }
        p.ownerResponseMeanHours = Statistics.mean(tally.ownerReplies.map(hours)).map { $0.rounded(toPlaces: 3) }
        p.ownerResponseBusinessMedianHours = Statistics.median(tally.ownerReplies.map(businessHours)).map { $0.rounded(toPlaces: 3) }
        p.contactResponses = tally.contactReplies.count
        p.contactResponseMedianHours = Statistics.median(tally.contactReplies.map(hours)).map { $0.rounded(toPlaces: 3) }
        p.contactResponseMeanHours = Statistics.mean(tally.contactReplies.map(hours)).map { $0.rounded(toPlaces: 3) }
        p.contactResponseBusinessMedianHours = Statistics.median(tally.contactReplies.map(businessHours)).map { $0.rounded(toPlaces: 3) }

        let (low, high) = (min(tally.sentToOwner, tally.receivedFromOwner), max(tally.sentToOwner, tally.receivedFromOwner))
        p.reciprocity = high > 0 ? (Double(low) / Double(high)).rounded(toPlaces: 3) : 0
        if let last = tally.last, let end = mailboxLast { p.recencyDays = Int((end - last) / 86_400) }

        // Trends need half a year of history: monthly volume over the whole span, zeros included;
        // the owner's answers over time, from five answers.
        if months >= 6, let first = tally.first.map({ Day(containing: $0) }) {
            let start = first.year * 12 + first.month - 1
            let points = (0..<months).map { (x: Double($0), y: Double(tally.monthly[start + $0] ?? 0)) }
            if let slope = Statistics.theilSen(points) {
                p.volumeSlopePerMonth = slope.rounded(toPlaces: 3)
                let mean = Double(tally.total) / Double(months)
                p.communicationIncreasing = slope * 12 > 0.25 * mean
            }
        }
        if tally.ownerReplies.count >= 5 {
            let sorted = tally.ownerReplies.sorted { $0.at < $1.at }
            let origin = sorted[0].at
            let points = sorted.map { (x: Double($0.at - origin) / (30 * 86_400), y: hours($0)) }
            if let slope = Statistics.theilSen(points) {
                p.responseTimeSlope = slope.rounded(toPlaces: 3)
                p.responseTimeImproving = slope < 0
            }
        }

        let classified = Classifier.classify(tally, address: address, ownerDomains: ownerDomains)
        p.classification = classified.classification
        p.confidenceScore = classified.confidence
        p.signals = classified.signals
        p.importanceScore = Importance.score(
            total: tally.total, maximumTotal: maximumTotal, reciprocity: p.reciprocity, recencyDays: p.recencyDays,
            answered: tally.ownerReplies.count + tally.contactReplies.count,
            automated: classified.classification == .automated)
        return p
    }

    /// Months from the first message's month to the last's, both included.
    static func spanMonths(_ tally: ContactTally) -> Int {
        guard let first = tally.first.map({ Day(containing: $0) }), let last = tally.last.map({ Day(containing: $0) })
        else { return 0 }
        return (last.year * 12 + last.month) - (first.year * 12 + first.month) + 1
    }

    static func hours(_ reply: ContactTally.Reply) -> Double { Double(reply.seconds) / 3600 }
    static func businessHours(_ reply: ContactTally.Reply) -> Double { Double(reply.businessSeconds) / 3600 }
}
