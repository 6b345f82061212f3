import CXlsxWriter
import Foundation

/// Why the workbook could not be written.
public struct XLSXError: Error, CustomStringConvertible {
    public let description: String
}

/// The report as one workbook (libxlsxwriter): a sheet per table with typed cells (numbers as
/// numbers, dates as dates), a bold shaded header row that stays frozen, an autofilter and
/// column widths; and on the Summary sheet native Excel charts of monthly volume and
/// completeness per custodian. Every text goes in as a string cell: nothing from a PST can
/// become a formula. The only formulas are the charts' own cell ranges.
public enum XLSXReport {
    /// Excel's limit for one cell's text.
    static let maximumText = 32_767

    public static func write(_ model: ReportModel, tables: [ReportTable], to path: String) throws(XLSXError) {
        guard let workbook = workbook_new(path) else { throw XLSXError(description: "cannot create \(path)") }
        let formats = Formats(workbook)
        for table in tables where table.name != .summary {
            let sheet = workbook_add_worksheet(workbook, sheetName(table.name.rawValue))
            writeTable(table, to: sheet, row: 0, formats)
            if !table.rows.isEmpty {
                worksheet_autofilter(sheet, 0, 0, lxw_row_t(table.rows.count), lxw_col_t(table.columns.count - 1))
            }
            worksheet_freeze_panes(sheet, 1, 0)
        }
        if let summary = tables.first(where: { $0.name == .summary }) {
            writeSummary(summary, model, workbook, formats)
        }
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else {
            throw XLSXError(description: "cannot write \(path): \(String(cString: lxw_strerror(status)))")
        }
    }

    static func sheetName(_ table: String) -> String {
        table.prefix(1).uppercased() + table.dropFirst()
    }

    private struct Formats {
        let header: OpaquePointer?
        let date: OpaquePointer?
        let timestamp: OpaquePointer?
        let decimal: OpaquePointer?
        let title: OpaquePointer?

        init(_ workbook: UnsafeMutablePointer<lxw_workbook>) {
            header = workbook_add_format(workbook).map(OpaquePointer.init)
            format_set_bold(UnsafeMutablePointer(header))
            format_set_bg_color(UnsafeMutablePointer(header), 0xD9E2F3)
            date = workbook_add_format(workbook).map(OpaquePointer.init)
            format_set_num_format(UnsafeMutablePointer(date), "yyyy-mm-dd")
            timestamp = workbook_add_format(workbook).map(OpaquePointer.init)
            format_set_num_format(UnsafeMutablePointer(timestamp), "yyyy-mm-dd hh:mm:ss")
            decimal = workbook_add_format(workbook).map(OpaquePointer.init)
            format_set_num_format(UnsafeMutablePointer(decimal), "0.00")
            title = workbook_add_format(workbook).map(OpaquePointer.init)
            format_set_bold(UnsafeMutablePointer(title))
            format_set_font_size(UnsafeMutablePointer(title), 14)
        }
    }

    /// Writes a header row and typed rows from `row`; sets column widths from the content.
    private static func writeTable(_ table: ReportTable, to sheet: UnsafeMutablePointer<lxw_worksheet>?, row: Int,
                                   _ formats: Formats) {
        var widths = table.columns.map { Double($0.count) + 2 }
        for (column, name) in table.columns.enumerated() {
            worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), name, UnsafeMutablePointer(formats.header))
        }
        for (index, cells) in table.rows.enumerated() {
            let r = lxw_row_t(row + 1 + index)
            for (column, cell) in cells.enumerated() {
                let c = lxw_col_t(column)
                switch cell {
                case .text(let text):
                    let value = String(text.prefix(maximumText))
                    worksheet_write_string(sheet, r, c, value, nil)
                    widths[column] = max(widths[column], min(60, Double(value.count) + 2))
                case .int(let value):
                    worksheet_write_number(sheet, r, c, Double(value), nil)
                case .number(let value):
                    if value.isFinite { worksheet_write_number(sheet, r, c, value, UnsafeMutablePointer(formats.decimal)) }
                case .date(let text):
                    if var date = dateTime(text) {
                        let hasTime = text.count > 10
                        worksheet_write_datetime(sheet, r, c, &date,
                                                 UnsafeMutablePointer(hasTime ? formats.timestamp : formats.date))
                        widths[column] = max(widths[column], hasTime ? 20 : 12)
                    } else {
                        worksheet_write_string(sheet, r, c, String(text.prefix(maximumText)), nil)
                    }
                case .bool(let value):
                    worksheet_write_boolean(sheet, r, c, value ? 1 : 0, nil)
                case .empty:
                    break
                }
            }
        }
        for (column, width) in widths.enumerated() {
            worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), width, nil)
        }
    }

    /// The Summary sheet: the metrics, completeness per custodian, monthly volume, and charts
    /// of the last two.
    private static func writeSummary(_ summary: ReportTable, _ model: ReportModel,
                                     _ workbook: UnsafeMutablePointer<lxw_workbook>, _ formats: Formats) {
        let sheet = workbook_add_worksheet(workbook, "Summary")
        worksheet_activate(sheet)
        worksheet_set_first_sheet(sheet)
        worksheet_write_string(sheet, 0, 0, "pstscope report, generated \(model.generatedAt)", UnsafeMutablePointer(formats.title))
        writeTable(summary, to: sheet, row: 2, formats)
        worksheet_freeze_panes(sheet, 3, 0)

        // Completeness per custodian (columns D-E) and mail per month, all custodians (G-H).
        let completeness = ReportTables.completeness(model), volume = ReportTables.volume(model)
        writeBlock(completeness, sheet: sheet, column: 3, formats)
        writeBlock(volume, sheet: sheet, column: 6, formats)

        chart(workbook, sheet, type: LXW_CHART_COLUMN, rows: volume.rows.count, labels: "G", values: "H",
              title: "Mail per month", series: "Messages", at: 2)
        chart(workbook, sheet, type: LXW_CHART_BAR, rows: completeness.rows.count, labels: "D", values: "E",
              title: "Timeline completeness per custodian (0-100)", series: "Completeness", at: 19)
    }

    /// A native chart of a Summary block (rows from 4), placed in column J at `row`.
    private static func chart(_ workbook: UnsafeMutablePointer<lxw_workbook>, _ sheet: UnsafeMutablePointer<lxw_worksheet>?,
                              type: lxw_chart_type, rows: Int, labels: String, values: String, title: String,
                              series name: String, at row: Int) {
        guard rows > 0, let chart = workbook_add_chart(workbook, UInt8(type.rawValue)) else { return }
        let last = 3 + rows
        let series = chart_add_series(chart, "=Summary!$\(labels)$4:$\(labels)$\(last)", "=Summary!$\(values)$4:$\(values)$\(last)")
        chart_series_set_name(series, name)
        chart_title_set_name(chart, title)
        chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_NONE.rawValue))
        worksheet_insert_chart(sheet, lxw_row_t(row), 9, chart)
    }

    /// A small table with its header on row 3 of the Summary sheet, starting at `column`.
    private static func writeBlock(_ table: ReportTable, sheet: UnsafeMutablePointer<lxw_worksheet>?, column: Int,
                                   _ formats: Formats) {
        for (offset, name) in table.columns.enumerated() {
            worksheet_write_string(sheet, 2, lxw_col_t(column + offset), name, UnsafeMutablePointer(formats.header))
        }
        for (index, cells) in table.rows.enumerated() {
            for (offset, cell) in cells.enumerated() {
                let r = lxw_row_t(3 + index), c = lxw_col_t(column + offset)
                switch cell {
                case .text(let text): worksheet_write_string(sheet, r, c, String(text.prefix(maximumText)), nil)
                case .int(let value): worksheet_write_number(sheet, r, c, Double(value), nil)
                case .number(let value): worksheet_write_number(sheet, r, c, value, UnsafeMutablePointer(formats.decimal))
                default: break
                }
            }
        }
        worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), 24, nil)
        worksheet_set_column(sheet, lxw_col_t(column + 1), lxw_col_t(column + 1), 14, nil)
    }

    /// "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS[.fff]Z" as an Excel date.
    static func dateTime(_ text: String) -> lxw_datetime? {
        let digits = text.split(whereSeparator: { !$0.isNumber && $0 != "." }).map(String.init)
        guard digits.count >= 3, let year = Int(digits[0]), let month = Int(digits[1]), let day = Int(digits[2]),
              (1900...9999).contains(year) else { return nil }
        let hour = digits.count > 3 ? Int(digits[3]) ?? 0 : 0
        let minute = digits.count > 4 ? Int(digits[4]) ?? 0 : 0
        let second = digits.count > 5 ? Double(digits[5]) ?? 0 : 0
        return lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: Int32(hour),
                            min: Int32(minute), sec: second)
    }
}
