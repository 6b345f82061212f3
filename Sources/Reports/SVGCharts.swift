import Foundation
import MailModel

/// Inline SVG charts, drawn here: no script, no network. Every label is escaped, so a
/// correspondent's name cannot become markup. Charts are drawn at their viewBox size in CSS pixels (width and height), so their text is one size on every screen.
public enum SVGCharts {
    static let palette = ["#2f6fdf", "#e8833a", "#3aa675", "#c94a4a", "#8a5cc2", "#b59a2a", "#3b9fb5", "#777777"]

    /// A half-circle gauge for a percentage.
    public static func gauge(percent: Double, label: String) -> String {
        let p = max(0, min(100, percent)) / 100
        let angle = Double.pi * (1 - p)
        let x = 100 + 80 * cos(angle), y = 100 - 80 * sin(angle)
        let color = p >= 0.99 ? "#3aa675" : p >= 0.9 ? "#e8a33a" : "#c94a4a"
        return """
            <svg class="chart gauge" width="200" height="120" viewBox="0 0 200 120" role="img" aria-label="\(esc(label)): \(percent.fixed(1))%">\
            <path d="M20 100 A80 80 0 0 1 180 100" fill="none" stroke="#e3e6ea" stroke-width="18"/>\
            <path d="M20 100 A80 80 0 0 1 \(x.fixed(2)) \(y.fixed(2))" fill="none" stroke="\(color)" stroke-width="18"/>\
            <text x="100" y="92" text-anchor="middle" class="big">\(percent.fixed(1))%</text>\
            <text x="100" y="116" text-anchor="middle" class="small">\(esc(label))</text></svg>
            """
    }

    /// Horizontal bars, one per item, scaled to `maximum`.
    public static func bars(_ items: [(label: String, value: Double, text: String)], maximum: Double? = nil,
                            label: String) -> String {
        guard !items.isEmpty else { return empty(label) }
        let top = max(maximum ?? items.map(\.value).max() ?? 1, 1e-9)
        let rowHeight = 22.0, height = Double(items.count) * rowHeight + 10
        var out = "<svg class=\"chart bars\" width=\"600\" height=\"\(height.fixed(0))\" viewBox=\"0 0 600 \(height.fixed(0))\" role=\"img\" aria-label=\"\(esc(label))\">"
        for (index, item) in items.enumerated() {
            let y = 5 + Double(index) * rowHeight
            let width = max(0, item.value / top) * 330
            out += "<text x=\"0\" y=\"\((y + 15).fixed(1))\" class=\"small\">\(esc(truncated(item.label, 34)))</text>"
            out += "<rect x=\"220\" y=\"\((y + 3).fixed(1))\" width=\"\(width.fixed(1))\" height=\"15\" fill=\"\(palette[0])\"/>"
            out += "<text x=\"\((225 + width).fixed(1))\" y=\"\((y + 15).fixed(1))\" class=\"small\">\(esc(item.text))</text>"
        }
        return out + "</svg>"
    }

    /// A line over labelled points (months), with the first, middle and last label shown.
    public static func timeSeries(_ points: [(label: String, value: Double)], label: String) -> String {
        guard points.count >= 1 else { return empty(label) }
        let top = max(points.map(\.value).max() ?? 1, 1)
        let width = 600.0, height = 200.0, left = 40.0, bottom = 170.0
        let step = points.count > 1 ? (width - left - 10) / Double(points.count - 1) : 0
        let coordinates = points.enumerated().map { index, point in
            (left + Double(index) * step, bottom - point.value / top * 150)
        }
        let line = coordinates.map { "\($0.0.fixed(1)),\($0.1.fixed(1))" }.joined(separator: " ")
        var out = "<svg class=\"chart series\" width=\"\(width.fixed(0))\" height=\"\(height.fixed(0))\" viewBox=\"0 0 \(width.fixed(0)) \(height.fixed(0))\" role=\"img\" aria-label=\"\(esc(label))\">"
        out += "<line x1=\"\(left.fixed(0))\" y1=\"\(bottom.fixed(0))\" x2=\"\((width - 10).fixed(0))\" y2=\"\(bottom.fixed(0))\" stroke=\"#999\"/>"
        out += "<text x=\"0\" y=\"24\" class=\"small\">\(top.fixed(0))</text><text x=\"0\" y=\"\(bottom.fixed(0))\" class=\"small\">0</text>"
        out += "<polyline points=\"\(left.fixed(1)),\(bottom.fixed(1)) \(line) \((coordinates.last!.0).fixed(1)),\(bottom.fixed(1))\" fill=\"#2f6fdf22\" stroke=\"none\"/>"
        out += "<polyline points=\"\(line)\" fill=\"none\" stroke=\"\(palette[0])\" stroke-width=\"2\"/>"
        for index in Set([0, points.count / 2, points.count - 1]).sorted() {
            let anchor = index == 0 ? "start" : index == points.count - 1 ? "end" : "middle"
            out += "<text x=\"\((coordinates[index].0).fixed(1))\" y=\"192\" text-anchor=\"\(anchor)\" class=\"small\">\(esc(points[index].label))</text>"
        }
        return out + "</svg>"
    }

    /// A calendar heatmap: one row per year, one cell per day (column = day of the year),
    /// shaded by the day's mail; days inside a reported gap are red. `link` makes days links: a run
    /// of days with the same link is one link, titled with its first and last day (a month's
    /// days, a gap's), so that ten years of days do not make ten years of links.
    public static func heatmap(days: [String: Int], gaps: [ClosedRange<Day>], label: String, cell: Double = 2,
                               link: (Day) -> String? = { _ in nil }) -> String {
        let dated = days.keys.compactMap { Day(iso: $0) }
        guard let first = dated.min(), let last = dated.max() else { return empty(label) }
        let years = Array(first.year...last.year)
        let rowHeight = 14.0, left = 40.0
        let top = Double(days.values.max() ?? 1)
        var out = "<svg class=\"chart heatmap\" width=\"\((left + 366 * cell + 4).fixed(0))\" height=\"\((Double(years.count) * rowHeight + 6).fixed(0))\" viewBox=\"0 0 \((left + 366 * cell + 4).fixed(0)) \((Double(years.count) * rowHeight + 6).fixed(0))\" role=\"img\" aria-label=\"\(esc(label))\">"
        for (row, year) in years.enumerated() {
            let y = 3 + Double(row) * rowHeight
            out += "<text x=\"0\" y=\"\((y + 10).fixed(1))\" class=\"small\">\(year)</text>"
            let start = Day(year, 1, 1)
            var cells: [(day: Day, rect: String, href: String?)] = []
            for offset in 0..<366 {
                let day = start.advanced(by: offset)
                guard day.year == year, day >= first, day <= last else { continue }
                let count = days[day.description] ?? 0
                let inGap = gaps.contains { $0.contains(day) }
                let color: String
                if inGap {
                    color = "#c94a4a"
                } else if count == 0 {
                    color = "#eef0f3"
                } else {
                    let shade = 0.25 + 0.75 * log1p(Double(count)) / log1p(top)
                    color = "rgba(47,111,223,\(shade.fixed(2)))"
                }
                let rect = "<rect x=\"\((left + Double(offset) * cell).fixed(1))\" y=\"\(y.fixed(1))\" width=\"\(cell.fixed(1))\" height=\"12\" fill=\"\(color)\"/>"
                cells.append((day, rect, link(day)))
            }
            var index = 0
            while index < cells.count {
                var end = index
                while end + 1 < cells.count, cells[end + 1].href == cells[index].href { end += 1 }
                let rects = cells[index...end].map(\.rect).joined()
                if let href = cells[index].href {
                    out += "<a href=\"\(esc(href))\"><title>\(cells[index].day) to \(cells[end].day)</title>\(rects)</a>"
                } else {
                    out += rects
                }
                index = end + 1
            }
        }
        return out + "</svg>"
    }

    /// Mail by weekday (rows, Monday first) and hour of the day (columns): darker is more, with
    /// each cell's count in its tooltip.
    public static func weekHours(_ hours: WeekHours, label: String) -> String {
        let top = hours.counts.flatMap { $0 }.max() ?? 0
        guard top > 0 else { return empty(label) }
        let cell = 18.0, left = 40.0, head = 16.0
        let width = left + 24 * cell + 4, height = head + 7 * cell + 4
        var out = "<svg class=\"chart weekhours\" width=\"\(width.fixed(0))\" height=\"\(height.fixed(0))\" viewBox=\"0 0 \(width.fixed(0)) \(height.fixed(0))\" role=\"img\" aria-label=\"\(esc(label))\">"
        for hour in stride(from: 0, to: 24, by: 3) {
            out += "<text x=\"\((left + Double(hour) * cell + 2).fixed(1))\" y=\"11\" class=\"small\">\(pad(hour, 2))</text>"
        }
        for (row, weekday) in [1, 2, 3, 4, 5, 6, 0].enumerated() {
            let y = head + Double(row) * cell
            out += "<text x=\"0\" y=\"\((y + 13).fixed(1))\" class=\"small\">\(WeekHours.weekdayNames[weekday].prefix(3))</text>"
            for hour in 0..<24 {
                let count = hours[weekday, hour]
                let color = count == 0 ? "#eef0f3"
                    : "rgba(47,111,223,\((0.2 + 0.8 * Double(count) / Double(top)).fixed(2)))"
                out += "<rect x=\"\((left + Double(hour) * cell).fixed(1))\" y=\"\(y.fixed(1))\" width=\"\((cell - 2).fixed(1))\" height=\"\((cell - 2).fixed(1))\" fill=\"\(color)\"><title>\(WeekHours.weekdayNames[weekday]) \(pad(hour, 2)):00, \(count)</title></rect>"
            }
        }
        return out + "</svg>"
    }

    /// A pie with a legend; slices under 2% of the whole are drawn as one "other" slice.
    public static func pie(_ slices: [(label: String, value: Double)], label: String) -> String {
        let total = slices.reduce(0) { $0 + $1.value }
        guard total > 0 else { return empty(label) }
        var kept = slices.filter { $0.value / total >= 0.02 }.prefix(7).map { $0 }
        let rest = total - kept.reduce(0) { $0 + $1.value }
        if rest > 0 { kept.append(("other", rest)) }
        var out = "<svg class=\"chart pie\" width=\"420\" height=\"200\" viewBox=\"0 0 420 200\" role=\"img\" aria-label=\"\(esc(label))\">"
        var angle = -Double.pi / 2
        for (index, slice) in kept.enumerated() {
            let color = palette[index % palette.count]
            let sweep = slice.value / total * 2 * .pi
            if kept.count == 1 {
                out += "<circle cx=\"100\" cy=\"100\" r=\"90\" fill=\"\(color)\"/>"
            } else {
                let x1 = 100 + 90 * cos(angle), y1 = 100 + 90 * sin(angle)
                let x2 = 100 + 90 * cos(angle + sweep), y2 = 100 + 90 * sin(angle + sweep)
                out += "<path d=\"M100 100 L\(x1.fixed(2)) \(y1.fixed(2)) A90 90 0 \(sweep > .pi ? 1 : 0) 1 \(x2.fixed(2)) \(y2.fixed(2)) Z\" fill=\"\(color)\"/>"
            }
            angle += sweep
            let y = 20 + Double(index) * 22
            out += "<rect x=\"215\" y=\"\((y - 11).fixed(0))\" width=\"12\" height=\"12\" fill=\"\(color)\"/>"
            out += "<text x=\"233\" y=\"\(y.fixed(0))\" class=\"small\">\(esc(truncated(slice.label, 22))) (\(slice.value.fixed(0)))</text>"
        }
        return out + "</svg>"
    }

    /// Items per second of each batch, in order, as columns.
    public static func throughput(_ rates: [Double], label: String) -> String {
        guard !rates.isEmpty else { return empty(label) }
        let sample = rates.count > 300 ? stride(from: 0, to: rates.count, by: rates.count / 300 + 1).map { rates[$0] } : rates
        let top = max(sample.max() ?? 1, 1), width = 600.0, left = 40.0
        let barWidth = (width - left - 10) / Double(sample.count)
        var out = "<svg class=\"chart throughput\" width=\"600\" height=\"200\" viewBox=\"0 0 600 200\" role=\"img\" aria-label=\"\(esc(label))\">"
        out += "<text x=\"0\" y=\"24\" class=\"small\">\(top.fixed(0))/s</text><text x=\"0\" y=\"170\" class=\"small\">0</text>"
        for (index, rate) in sample.enumerated() {
            let h = rate / top * 150
            out += "<rect x=\"\((left + Double(index) * barWidth).fixed(2))\" y=\"\((170 - h).fixed(1))\" width=\"\(max(barWidth - 1, 0.5).fixed(2))\" height=\"\(h.fixed(1))\" fill=\"\(palette[2])\"/>"
        }
        out += "<text x=\"\(left.fixed(0))\" y=\"192\" class=\"small\">batch 1</text><text x=\"590\" y=\"192\" text-anchor=\"end\" class=\"small\">batch \(rates.count)</text>"
        return out + "</svg>"
    }

    /// Which file covers which days: one row per file, a bar per run of days it has mail on,
    /// over the whole span; the last row marks in red the days no file covers.
    public static func coverage(_ files: [(name: String, runs: [ClosedRange<Day>])], uncovered: [ClosedRange<Day>],
                                label: String) -> String {
        let runs = files.flatMap(\.runs) + uncovered
        guard let first = runs.map(\.lowerBound).min(), let last = runs.map(\.upperBound).max() else { return empty(label) }
        let width = 900.0, left = 220.0, rowHeight = 20.0
        let scale = (width - left - 10) / Double(first.distance(to: last) + 1)
        let height = Double(files.count + 1) * rowHeight + 24
        func bar(_ run: ClosedRange<Day>, _ y: Double, _ color: String) -> String {
            let x = left + Double(first.distance(to: run.lowerBound)) * scale
            let w = max(1, Double(run.count) * scale)
            return "<rect x=\"\(x.fixed(1))\" y=\"\((y + 3).fixed(1))\" width=\"\(w.fixed(1))\" height=\"14\" fill=\"\(color)\">"
                + "<title>\(run.lowerBound) to \(run.upperBound)</title></rect>"
        }
        var out = "<svg class=\"chart coverage\" width=\"\(width.fixed(0))\" height=\"\(height.fixed(0))\" viewBox=\"0 0 \(width.fixed(0)) \(height.fixed(0))\" role=\"img\" aria-label=\"\(esc(label))\">"
        for (row, file) in files.enumerated() {
            let y = Double(row) * rowHeight
            out += "<text x=\"0\" y=\"\((y + 15).fixed(1))\" class=\"small\">\(esc(truncated(file.name, 34)))</text>"
            out += file.runs.map { bar($0, y, palette[0]) }.joined()
        }
        let y = Double(files.count) * rowHeight
        out += "<text x=\"0\" y=\"\((y + 15).fixed(1))\" class=\"small\">not covered</text>"
        out += uncovered.map { bar($0, y, palette[3]) }.joined()
        out += "<text x=\"\(left.fixed(0))\" y=\"\((height - 4).fixed(1))\" class=\"small\">\(first)</text>"
        out += "<text x=\"\((width - 10).fixed(0))\" y=\"\((height - 4).fixed(1))\" text-anchor=\"end\" class=\"small\">\(last)</text>"
        return out + "</svg>"
    }

    static func empty(_ label: String) -> String {
        "<svg class=\"chart empty\" width=\"600\" height=\"40\" viewBox=\"0 0 600 40\" role=\"img\" aria-label=\"\(esc(label))\"><text x=\"0\" y=\"24\" class=\"small\">No data for \(esc(label)).</text></svg>"
    }

    static func esc(_ text: String) -> String { Markup.escape(text) }

    static func truncated(_ text: String, _ length: Int) -> String {
        text.count > length ? String(text.prefix(length - 1)) + "…" : text
    }

}
