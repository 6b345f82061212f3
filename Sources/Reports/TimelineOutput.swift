import Foundation
import MailModel
import Store

/// Gap analysis results as JSON and CSV, as `pstscope gaps` and the reports give them.
public enum TimelineOutput {
    /// One JSON document: the settings, then each entity with its span, counts, score and gaps.
    public static func json(_ entities: [TimelineEntityRecord], settings: [String: String],
                            zones: [String: OwnerZone] = [:]) -> String {
        let custodians = Set(entities.map(\.custodian))
        let document = Document(
            settings: .init(workweek: settings["workweek"] ?? "",
                            regions: (settings["regions"] ?? "").split(separator: ",").map(String.init),
                            customHolidays: (settings["custom_holidays"] ?? "").split(separator: "\n").count),
            timeZones: zones.values.filter { custodians.contains($0.custodian) }.sorted { $0.custodian < $1.custodian },
            entities: entities.map(Entity.init))
        return try! JSONDocument.text(document)
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
                    .text(gap.recommendation), .text(try! JSONDocument.line(gap.evidence)),
                ])
            }
        }
        return table.text
    }

    /// How an entity is named: the custodian, or "custodian / contact".
    public static func name(_ record: TimelineEntityRecord) -> String {
        record.contact.isEmpty ? record.custodian : "\(record.custodian) / \(record.contact)"
    }

    struct Document: Encodable {
        struct Settings: Encodable {
            var workweek: String
            var regions: [String]
            var customHolidays: Int
        }

        var settings: Settings
        /// Each mailbox's zone: its days, business days and hours are counted in it.
        var timeZones: [OwnerZone]
        var entities: [Entity]
    }

    struct Entity: Encodable {
        struct Span: Encodable {
            @Nullable var start: String?
            @Nullable var end: String?
        }

        var entity: String
        var custodian: String
        @Nullable var contact: String?
        var span: Span
        var messages: Int
        var undated: Int
        var expectedMessages: Double
        var missingMessages: Double
        var completenessScore: Double
        var gapCount: Int
        @Nullable var worstSeverity: Severity?
        var computedAt: String
        var gaps: [Gap]

        init(_ record: TimelineEntityRecord) {
            entity = record.contact.isEmpty ? "mailbox" : "contact"
            custodian = record.custodian
            contact = record.contact.isEmpty ? nil : record.contact
            span = Span(start: record.firstDay, end: record.lastDay)
            messages = record.messages
            undated = record.undated
            expectedMessages = record.expectedMessages.rounded(toPlaces: 1)
            missingMessages = record.missingMessages.rounded(toPlaces: 1)
            completenessScore = record.completenessScore.rounded(toPlaces: 1)
            gapCount = record.gapCount
            worstSeverity = record.worstSeverity
            computedAt = record.computedAt
            gaps = record.gaps.map { Gap($0, entity: TimelineOutput.name(record)) }
        }
    }

    struct Gap: Encodable {
        var entity: String
        var start: String
        var end: String
        var businessDays: Int
        var expectedMessages: Double
        var probability: Double
        var severity: Severity
        var context: GapContext
        var evidence: GapEvidence
        var recommendation: String

        init(_ gap: TimelineGapRecord, entity: String) {
            self.entity = entity
            start = gap.startDay
            end = gap.endDay
            businessDays = gap.businessDays
            expectedMessages = gap.expectedMessages.rounded(toPlaces: 1)
            probability = gap.probability
            severity = gap.severity
            context = gap.context
            evidence = gap.evidence
            recommendation = gap.recommendation
        }
    }
}
