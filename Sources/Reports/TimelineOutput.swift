import Foundation
import MailModel
import Store

/// Gap analysis results as JSON and CSV, as `pstscope gaps` and the reports give them.
public enum TimelineOutput {
    /// One JSON document: the settings, then each entity with its span, counts, score and gaps.
    public static func json(_ entities: [TimelineEntityRecord], settings: [String: String]) -> String {
        let document: [String: Any] = [
            "settings": [
                "workweek": settings["workweek"] ?? "",
                "regions": (settings["regions"] ?? "").split(separator: ",").map(String.init),
                "custom_holidays": (settings["custom_holidays"] ?? "").split(separator: "\n").count,
            ],
            "entities": entities.map(entity),
        ]
        let data = try! JSONSerialization.data(withJSONObject: document,
                                               options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// One row per gap, with its entity's figures; the evidence stays JSON in one column.
    public static func csv(_ entities: [TimelineEntityRecord]) -> String {
        var table = CSVTable(header: [
            "custodian", "contact", "entity_messages", "completeness_score", "start", "end", "business_days",
            "expected_messages", "probability", "severity", "context", "recommendation", "evidence",
        ])
        for record in entities {
            for gap in record.gaps {
                table.append([
                    .text(record.custodian), .text(record.contact), .int(record.messages),
                    .double(record.completenessScore, digits: 1), .text(gap.startDay), .text(gap.endDay),
                    .int(gap.businessDays), .double(gap.expectedMessages, digits: 1),
                    .number(String(format: "%.3g", gap.probability)), .text(gap.severity.description), .text(gap.context.rawValue),
                    .text(gap.recommendation), .text(gap.evidence),
                ])
            }
        }
        return table.text
    }

    /// How an entity is named: the custodian, or "custodian / contact".
    public static func name(_ record: TimelineEntityRecord) -> String {
        record.contact.isEmpty ? record.custodian : "\(record.custodian) / \(record.contact)"
    }

    static func entity(_ record: TimelineEntityRecord) -> [String: Any] {
        [
            "entity": record.contact.isEmpty ? "mailbox" : "contact",
            "custodian": record.custodian,
            "contact": record.contact.isEmpty ? NSNull() : record.contact,
            "span": ["start": nullable(record.firstDay), "end": nullable(record.lastDay)],
            "messages": record.messages,
            "undated": record.undated,
            "expected_messages": record.expectedMessages.rounded(toPlaces: 1),
            "missing_messages": record.missingMessages.rounded(toPlaces: 1),
            "completeness_score": record.completenessScore.rounded(toPlaces: 1),
            "gap_count": record.gapCount,
            "worst_severity": nullable(record.worstSeverity?.description),
            "computed_at": record.computedAt,
            "gaps": record.gaps.map { gap in
                [
                    "entity": name(record),
                    "start": gap.startDay,
                    "end": gap.endDay,
                    "business_days": gap.businessDays,
                    "expected_messages": gap.expectedMessages.rounded(toPlaces: 1),
                    "probability": gap.probability,
                    "severity": gap.severity.description,
                    "context": gap.context.rawValue,
                    "evidence": (try? JSONSerialization.jsonObject(with: Data(gap.evidence.utf8))) ?? [:],
                    "recommendation": gap.recommendation,
                ] as [String: Any]
            },
        ]
    }

    static func nullable(_ value: String?) -> Any { value.map { $0 as Any } ?? NSNull() }

}
