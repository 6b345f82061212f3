import Foundation
import MailModel
import Store

/// Sender profiles as JSON and CSV, as `pstscope senders` and the reports give them.
public enum SenderOutput {
    /// A JSON array, one object per contact, most important first.
    public static func json(_ profiles: [SenderProfileRecord]) -> String {
        try! JSONDocument.text(profiles.map(Profile.init))
    }

    public struct Profile: Encodable, Sendable {
        struct Metrics: Encodable, Sendable {
            var totalEmails: Int
            var emailsFromContact: Int
            var emailsToContact: Int
            var avgEmailsPerMonth: Double
            var activeMonths: Int
            @Nullable var firstContact: String?
            @Nullable var lastContact: String?
            @Nullable var responseTimeAvgHours: Double?
            @Nullable var responseTimeMedianHours: Double?
            @Nullable var responseTimeBusinessMedianHours: Double?
            var responses: Int
            @Nullable var theirResponseTimeAvgHours: Double?
            @Nullable var theirResponseTimeMedianHours: Double?
            @Nullable var theirResponseTimeBusinessMedianHours: Double?
            var theirResponses: Int
            var reciprocity: Double
            @Nullable var recencyDays: Int?
            var importanceScore: Double
            @Nullable var pagerank: Double?
            @Nullable var betweenness: Double?
            @Nullable var community: Int?
        }

        struct Trends: Encodable, Sendable {
            @Nullable var communicationIncreasing: Bool?
            @Nullable var volumeSlopePerMonth: Double?
            @Nullable var responseTimeImproving: Bool?
            @Nullable var responseTimeSlopeHoursPerMonth: Double?
        }

        var senderEmail: String
        @Nullable var name: String?
        var custodian: String
        var classification: SenderClass
        var confidenceScore: Double
        var signals: SenderSignals
        var metrics: Metrics
        var trends: Trends

        public init(_ p: SenderProfileRecord) {
            senderEmail = p.email
            name = p.name
            custodian = p.custodian
            classification = p.classification
            confidenceScore = p.confidenceScore
            signals = p.signals
            metrics = Metrics(
                totalEmails: p.totalEmails, emailsFromContact: p.sentToOwner, emailsToContact: p.receivedFromOwner,
                avgEmailsPerMonth: p.avgEmailsPerMonth, activeMonths: p.activeMonths, firstContact: p.firstContact,
                lastContact: p.lastContact, responseTimeAvgHours: p.ownerResponseMeanHours,
                responseTimeMedianHours: p.ownerResponseMedianHours,
                responseTimeBusinessMedianHours: p.ownerResponseBusinessMedianHours, responses: p.ownerResponses,
                theirResponseTimeAvgHours: p.contactResponseMeanHours,
                theirResponseTimeMedianHours: p.contactResponseMedianHours,
                theirResponseTimeBusinessMedianHours: p.contactResponseBusinessMedianHours,
                theirResponses: p.contactResponses, reciprocity: p.reciprocity, recencyDays: p.recencyDays,
                importanceScore: p.importanceScore, pagerank: p.pagerank, betweenness: p.betweenness,
                community: p.community)
            trends = Trends(
                communicationIncreasing: p.communicationIncreasing, volumeSlopePerMonth: p.volumeSlopePerMonth,
                responseTimeImproving: p.responseTimeImproving, responseTimeSlopeHoursPerMonth: p.responseTimeSlope)
        }
    }

    public static let csvColumns = [
        "custodian", "sender_email", "name", "classification", "confidence_score", "total_emails",
        "emails_from_contact", "emails_to_contact", "avg_emails_per_month", "active_months", "first_contact",
        "last_contact", "response_time_avg_hours", "response_time_median_hours", "response_time_business_median_hours",
        "their_response_time_median_hours", "reciprocity", "recency_days", "importance_score",
        "communication_increasing", "response_time_improving", "pagerank", "betweenness", "community",
    ]

    public static func csv(_ profiles: [SenderProfileRecord]) -> String {
        var table = CSVTable(header: csvColumns)
        for p in profiles {
            table.append([
                .text(p.custodian), .text(p.email), .optional(p.name), .text(p.classification.rawValue),
                .double(p.confidenceScore), .int(p.totalEmails), .int(p.sentToOwner), .int(p.receivedFromOwner),
                .double(p.avgEmailsPerMonth), .int(p.activeMonths), .optional(p.firstContact), .optional(p.lastContact),
                .double(p.ownerResponseMeanHours), .double(p.ownerResponseMedianHours),
                .double(p.ownerResponseBusinessMedianHours), .double(p.contactResponseMedianHours),
                .double(p.reciprocity), .int(p.recencyDays), .double(p.importanceScore),
                .optional(p.communicationIncreasing.map { $0 ? "true" : "false" }),
                .optional(p.responseTimeImproving.map { $0 ? "true" : "false" }),
                .double(p.pagerank, digits: 6), .double(p.betweenness, digits: 6), .int(p.community),
            ])
        }
        return table.text
    }
}
