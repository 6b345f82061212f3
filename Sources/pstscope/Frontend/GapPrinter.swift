import Foundation
import MailModel
import Reports
import Store

/// The gaps table: one block per entity, one line per gap, its advice underneath.
enum GapPrinter {
    /// A mailbox's line is followed by its time zone, which its days are counted in.
    static func table(_ entities: [TimelineEntityRecord], zones: [String: OwnerZone] = [:]) -> String {
        guard !entities.isEmpty else { return "No analysed mailbox matches (import some PSTs first).\n" }
        var out = ""
        for record in entities {
            let kind = record.contact.isEmpty ? "mailbox" : "contact"
            out += terminalSafe(TimelineOutput.name(record)) + " (\(kind)), \(record.firstDay ?? "?") to \(record.lastDay ?? "?"): "
                + SessionPrinter.plural(record.messages, "message")
                + String(format: ", completeness %.1f/100", record.completenessScore)
                + (record.undated > 0 ? ", \(record.undated) undated" : "") + "\n"
            if record.contact.isEmpty, let zone = zones[record.custodian] {
                out += "  time zone " + terminalSafe(zone.summary) + "\n"
            }
            guard !record.gaps.isEmpty else {
                out += "  no gaps\n\n"
                continue
            }
            var rows = [["  START", "END", "BUSINESS DAYS", "EXPECTED", "PROBABILITY", "SEVERITY", "CONTEXT"]]
            for gap in record.gaps {
                rows.append(["  " + gap.startDay, gap.endDay, String(gap.businessDays),
                             gap.expectedMessages.fixed(1), String(format: "%.1e", gap.probability),
                             gap.severity.description, gap.context.label])
            }
            let lines = SessionPrinter.table(rows, rightAligned: [2, 3, 4]).split(separator: "\n")
            out += lines[0] + "\n"
            for (line, gap) in zip(lines.dropFirst(), record.gaps) {
                out += line + "\n" + "      → " + terminalSafe(gap.recommendation) + "\n"
            }
            out += "\n"
        }
        return out
    }
}
