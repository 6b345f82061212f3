import Foundation

/// The report's tables as one JSON document and as CSV files.
public enum ReportFiles {
    /// One document: `generated_at`, `filters`, `summary` (an object of metrics), then one array
    /// of row objects per table, a row per line. Its schema is `schemas/report.schema.json`.
    /// Written by hand: a million-message store has tens of thousands of rows, which
    /// Foundation's JSON writers take many seconds over.
    public static func json(_ model: ReportModel, tables: [ReportTable]) -> String {
        func optional(_ text: String?) -> String { text.map(quoted) ?? "null" }
        let filter = model.filter
        var out = "{\n\"generated_at\": \(quoted(model.generatedAt)),\n\"filters\": {\"session\": "
            + "\(optional(filter.session)), \"from\": \(optional(filter.from)), \"to\": \(optional(filter.to))}"
        for table in tables.sorted(by: { $0.name.rawValue < $1.name.rawValue }) {
            if table.name == .summary {
                out += ",\n\"summary\": {"
                out += table.rows.map { "\(quoted(csvText($0[0]))): \(value($0[1]))" }.joined(separator: ", ")
                out += "}"
                continue
            }
            out += ",\n\(quoted(table.name.rawValue)): ["
            let keys = table.columns.map(quoted)
            for (index, row) in table.rows.enumerated() {
                out += index == 0 ? "\n  {" : ",\n  {"
                for (column, cell) in row.enumerated() {
                    if column > 0 { out += ", " }
                    out += keys[column] + ": " + value(cell)
                }
                out += "}"
            }
            out += table.rows.isEmpty ? "]" : "\n]"
        }
        return out + "\n}\n"
    }

    static func value(_ cell: ReportCell) -> String {
        switch cell {
        case .text(let text), .date(let text): quoted(text)
        case .int(let value): String(value)
        case .number(let value): value.isFinite ? plain(value) : "null"
        case .bool(let value): value ? "true" : "false"
        case .empty: "null"
        }
    }

    /// A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// One RFC 4180 CSV per table, named after it.
    public static func csv(_ table: ReportTable) -> String {
        var csv = CSVTable(header: table.columns)
        for row in table.rows {
            csv.append(row.map { cell in
                switch cell {
                case .text(let text), .date(let text): .text(text)
                case .int(let value): .int(value)
                case .number(let value): .number(plain(value))
                case .bool(let value): .text(value ? "true" : "false")
                case .empty: .empty
                }
            })
        }
        return csv.text
    }

    static func csvText(_ cell: ReportCell) -> String {
        if case .text(let text) = cell { return text }
        return ""
    }

    /// Numbers as Swift prints them: the shortest text that reads back as the same value.
    static func plain(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
