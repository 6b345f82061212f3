import Foundation

/// The report's tables as one JSON document and as CSV files.
public enum ReportFiles {
    /// One document: `generated_at`, `filters`, `summary` (an object of metrics), then one array
    /// of row objects per table. Its schema is `schemas/report.schema.json`.
    public static func json(_ model: ReportModel, tables: [ReportTable]) -> String {
        var document: [String: Any] = [
            "generated_at": model.generatedAt,
            "filters": ["session": value(model.filter.session), "from": value(model.filter.from),
                        "to": value(model.filter.to)],
        ]
        for table in tables {
            if table.name == "summary" {
                document["summary"] = Dictionary(uniqueKeysWithValues: table.rows.map { row in
                    (csvText(row[0]), json(row[1]))
                })
            } else {
                document[table.name] = table.rows.map { row in
                    Dictionary(uniqueKeysWithValues: zip(table.columns, row.map(json)))
                }
            }
        }
        let data = try! JSONSerialization.data(withJSONObject: document,
                                               options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
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

    static func json(_ cell: ReportCell) -> Any {
        switch cell {
        case .text(let text), .date(let text): text
        case .int(let value): value
        case .number(let value): value.isFinite ? value : NSNull()
        case .bool(let value): value
        case .empty: NSNull()
        }
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

    static func value(_ text: String?) -> Any { text.map { $0 as Any } ?? NSNull() }
}
