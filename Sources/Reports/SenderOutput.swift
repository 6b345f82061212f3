import Foundation
import Store

/// Sender profiles as JSON and CSV, as `pstscope senders` and the reports give them.
public enum SenderOutput {
    /// A JSON array, one object per contact, most important first.
    public static func json(_ profiles: [SenderProfileRecord]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: profiles.map(object),
                                               options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func object(_ p: SenderProfileRecord) -> [String: Any] {
        [
            "sender_email": p.email,
            "name": value(p.name),
            "custodian": p.custodian,
            "classification": p.classification.rawValue,
            "confidence_score": p.confidenceScore,
            "signals": (try? JSONSerialization.jsonObject(with: Data(p.signals.utf8))) ?? [:],
            "metrics": [
                "total_emails": p.totalEmails,
                "emails_from_contact": p.sentToOwner,
                "emails_to_contact": p.receivedFromOwner,
                "avg_emails_per_month": p.avgEmailsPerMonth,
                "active_months": p.activeMonths,
                "first_contact": value(p.firstContact),
                "last_contact": value(p.lastContact),
                "response_time_avg_hours": value(p.ownerResponseMeanHours),
                "response_time_median_hours": value(p.ownerResponseMedianHours),
                "response_time_business_median_hours": value(p.ownerResponseBusinessMedianHours),
                "responses": p.ownerResponses,
                "their_response_time_avg_hours": value(p.contactResponseMeanHours),
                "their_response_time_median_hours": value(p.contactResponseMedianHours),
                "their_response_time_business_median_hours": value(p.contactResponseBusinessMedianHours),
                "their_responses": p.contactResponses,
                "reciprocity": p.reciprocity,
                "recency_days": value(p.recencyDays),
                "importance_score": p.importanceScore,
                "pagerank": value(p.pagerank),
                "betweenness": value(p.betweenness),
                "community": value(p.community),
            ] as [String: Any],
            "trends": [
                "communication_increasing": value(p.communicationIncreasing),
                "volume_slope_per_month": value(p.volumeSlopePerMonth),
                "response_time_improving": value(p.responseTimeImproving),
                "response_time_slope_hours_per_month": value(p.responseTimeSlope),
            ] as [String: Any],
        ]
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

    static func value<T>(_ optional: T?) -> Any { optional.map { $0 as Any } ?? NSNull() }
}
