import Foundation
import MailModel
import Mustache
import Store

/// Why an HTML report could not be made.
public struct HTMLReportError: Error, CustomStringConvertible {
    public let description: String
}

/// The three HTML reports, each one self-contained file rendered from `templates/` (Mustache):
/// inline CSS, inline SVG charts, no script. Every value from the store goes through
/// Mustache's `{{…}}`, which escapes it; only the charts, drawn and escaped here, are inserted raw.
public struct HTMLReport {
    private var library = MustacheLibrary()

    /// Loads every `*.mustache` file of `templates` (the reports and their partials).
    public init(templates: URL) throws(HTMLReportError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: templates.path).filter { $0.hasSuffix(".mustache") }
        } catch {
            throw HTMLReportError(description: "cannot read templates in \(templates.path)")
        }
        for name in names.sorted() {
            let url = templates.appendingPathComponent(name)
            do {
                try library.register(String(contentsOf: url, encoding: .utf8), named: String(name.dropLast(".mustache".count)))
            } catch {
                throw HTMLReportError(description: "template \(url.path): \(error)")
            }
        }
    }

    /// The report as a page; with `paper`, as the page to print to PDF on that paper (the
    /// `@page` rules with the running title, date and page numbers).
    public func render(_ kind: ReportKind, model: ReportModel, paper: PaperSize? = nil) throws -> String {
        var context = try ReportContext.make(kind, model: model)
        if let paper {
            context["print"] = ["paper": paper.css, "title": context["title"] ?? "", "generated": model.generatedAt]
        }
        guard let html = library.render(context, withTemplate: kind.rawValue) else {
            throw HTMLReportError(description: "no template \(kind.rawValue).mustache")
        }
        return html
    }
}

/// The values the templates show, as plain dictionaries and arrays.
enum ReportContext {
    static func make(_ kind: ReportKind, model: ReportModel) throws -> [String: Any] {
        let s = model.summary
        var context: [String: Any] = [
            "title": ["executive": "Executive summary", "detailed": "Detailed analytics",
                      "operational": "Operational report"][kind.rawValue] ?? "Report",
            "generated_at": model.generatedAt,
            "filters": filterText(model.filter),
            "kpis": [
                kpi("Import success", "\(s.importSuccessRate.fixed(1))%", "files imported in full or in part"),
                kpi("Emails", grouped(s.emails), "\(grouped(s.newMessages)) new, \(grouped(s.duplicates)) duplicates"),
                kpi("Contacts created", grouped(s.contactsCreated), "\(grouped(s.correspondents)) correspondents profiled"),
                kpi("Files", grouped(s.files), "\(s.filesFailed) failed, \(s.filesPartial) partial"),
                kpi("Throughput", "\(grouped(Int(s.emailsPerMinute.rounded()))) /min", "emails per minute of import"),
                kpi("Completeness", "\(s.meanCompleteness.fixed(1))", "mean over \(s.custodians) mailboxes, of 100"),
            ],
            "gauge": SVGCharts.gauge(percent: s.importSuccessRate, label: "Import success rate"),
            "completeness_chart": SVGCharts.bars(model.mailboxes.map {
                ($0.custodian, $0.completenessScore, $0.completenessScore.fixed(1))
            }, maximum: 100, label: "Timeline completeness per custodian"),
            "senders_chart": SVGCharts.bars(model.senders.prefix(12).map {
                ($0.email, $0.importanceScore, $0.importanceScore.fixed(2))
            }, maximum: 10, label: "Top correspondents by importance"),
            "volume_chart": SVGCharts.timeSeries(model.monthlyTotals.map { ($0.month, Double($0.messages)) },
                                                 label: "Mail per month"),
            "contacts_pie": SVGCharts.pie(model.sessions.map { ($0.sessionID, Double($0.contactsCreated)) },
                                          label: "Contacts created per session"),
            "throughput_chart": SVGCharts.throughput(model.batchRates, label: "Items per second, batch by batch"),
            "performance": performance(model),
            "severe_gaps": model.gaps.prefix(10).map(gapRow),
            "has_gaps": !model.gaps.isEmpty,
            "custodians": model.mailboxes.map { m in
                ["custodian": m.custodian, "span": "\(m.firstDay ?? "?") to \(m.lastDay ?? "?")",
                 "messages": grouped(m.messages), "completeness": m.completenessScore.fixed(1),
                 "gaps": m.gapCount, "worst": m.worstSeverity?.description ?? "none",
                 "zone": model.zones[m.custodian]?.summary ?? "UTC (not analysed)"] as [String: Any]
            },
        ]
        if kind == .executive || kind == .detailed {
            context["heatmaps"] = model.mailboxes.map { mailbox in
                ["custodian": mailbox.custodian,
                 "svg": SVGCharts.heatmap(days: model.daily[mailbox.custodian] ?? [:],
                                          gaps: model.gapDays(ofMailbox: mailbox.custodian),
                                          label: "Mail per day of \(mailbox.custodian), gaps in red")]
            }
            context["activity"] = model.activity.filter { $0.contact.isEmpty }.map { a in
                ["custodian": a.custodian, "peak": ActivityOutput.peak(a),
                 "outside": (100 * a.outsideBusinessHours).fixed(1), "zone": model.zones[a.custodian]?.zone ?? "UTC",
                 "svg": SVGCharts.weekHours(a.sent + a.received, label: "Mail by weekday and hour of \(a.custodian)")]
            }
        }
        if kind == .detailed {
            context["senders"] = model.senders.prefix(100).map { p in
                ["email": p.email, "name": p.name ?? "", "classification": p.classification.label,
                 "confidence": p.confidenceScore.fixed(2), "total": p.totalEmails, "from": p.sentToOwner,
                 "to": p.receivedFromOwner, "per_month": p.avgEmailsPerMonth.fixed(1),
                 "response": p.ownerResponseMedianHours.map { $0.fixed(1) } ?? "–",
                 "importance": p.importanceScore.fixed(2),
                 "trend": p.communicationIncreasing.map { $0 ? "rising" : "flat or falling" } ?? "–",
                 "improving": p.responseTimeImproving.map { $0 ? "faster" : "not faster" } ?? "–"] as [String: Any]
            }
            context["all_gaps"] = model.gaps.prefix(500).map(gapRow)
            context["gap_count"] = model.gaps.count
        }
        context["sessions"] = model.sessions.map { session in sessionBlock(session, model: model) }
        let attention = alerts(model)
        context["alerts"] = attention
        context["has_alerts"] = !attention.isEmpty
        return context
    }

    static func kpi(_ label: String, _ value: String, _ note: String) -> [String: String] {
        ["label": label, "value": value, "note": note]
    }

    static func gapRow(_ pair: (entity: TimelineEntityRecord, gap: TimelineGapRecord)) -> [String: Any] {
        [
            "entity": pair.entity.contact.isEmpty ? pair.entity.custodian : "\(pair.entity.custodian) / \(pair.entity.contact)",
            "start": pair.gap.startDay, "end": pair.gap.endDay, "business_days": pair.gap.businessDays,
            "expected": pair.gap.expectedMessages.fixed(1), "severity": pair.gap.severity.description,
            "context": pair.gap.context.label,
            "replies": pair.gap.evidence.missingRepliedTo, "coverage": pair.gap.evidence.coverage.rawValue,
            "recommendation": pair.gap.recommendation,
        ]
    }

    static func sessionBlock(_ s: SessionRecord, model: ReportModel) -> [String: Any] {
        [
            "id": s.sessionID, "status": s.status.rawValue, "start": s.startTime, "end": s.endTime ?? "–",
            "emails": grouped(s.totalEmails), "new": grouped(s.successfulImports), "duplicates": grouped(s.duplicatesDetected),
            "contacts": grouped(s.contactsCreated), "duration": s.batchPerformance.durationSeconds.fixed(1),
            "rate": grouped(Int(s.batchPerformance.emailsPerMinute.rounded())),
            "prediction": s.prediction.map { p in
                "Predicted \(p.seconds.fixed(1)) s" + (p.peakRssKb.map { ", \((Double($0) / 1024).fixed(0)) MB" } ?? "")
                    + "; took \(s.batchPerformance.durationSeconds.fixed(1)) s"
                    + (s.peakRssKb.map { ", \((Double($0) / 1024).fixed(0)) MB" } ?? "") + " (\(p.basis))."
            } ?? "",
            "files": s.files.map { f in
                ["path": f.path, "status": f.status.rawValue, "custodian": f.custodian ?? "", "emails": f.emails,
                 "new": f.newEmails, "duplicates": f.duplicates, "failed": f.itemsFailed, "error": f.error ?? ""] as [String: Any]
            },
            "errors_by_kind": s.errorSummary.byKind.sorted { $0.key < $1.key }.map { kind, count in
                ["kind": kind, "count": count,
                 "examples": s.errorSummary.examples.filter { $0.kind == kind }.prefix(3).map { example in
                     ["path": example.path, "message": example.message, "folder": example.folder ?? ""]
                 }] as [String: Any]
            },
            "has_errors": !s.errorSummary.byKind.isEmpty,
            "has_run_alerts": model.alerts.contains { $0.session == s.sessionID },
            "run_alerts": model.alerts.filter { $0.session == s.sessionID }.map { _, a in
                ["at": a.at, "severity": a.severity.rawValue, "kind": a.kind.label,
                 "path": a.path ?? "", "message": a.message]
            },
        ]
    }

    /// Things an operator should look at.
    static func alerts(_ model: ReportModel) -> [String] {
        var alerts: [String] = []
        for s in model.sessions {
            if s.status != .completed {
                alerts.append("Session \(s.sessionID) is \(s.status.rawValue): resume it with pstscope import --resume.")
            }
            for file in s.files where file.status == .failed {
                alerts.append("\(file.path) failed: \(file.error ?? "unknown cause").")
            }
            let items = s.processedEmails + s.errorSummary.itemsFailed
            if items > 0, Double(s.errorSummary.itemsFailed) / Double(items) > 0.01 {
                alerts.append("Session \(s.sessionID): \(s.errorSummary.itemsFailed) unreadable items, over 1% of \(items).")
            }
        }
        for (session, alert) in model.alerts where alert.severity != .info {
            alerts.append("Session \(session): \(alert.kind.label) alert"
                          + (alert.path.map { " for \($0)" } ?? "") + ": \(alert.message).")
        }
        for pair in model.gaps where pair.gap.severity == .critical && pair.entity.contact.isEmpty {
            alerts.append("Critical gap in \(pair.entity.custodian)'s mailbox, \(pair.gap.startDay) to \(pair.gap.endDay).")
        }
        return alerts
    }

    /// Notes derived from the measured batches.
    static func performance(_ model: ReportModel) -> [String] {
        let rates = zip(model.throughput, model.batchRates).filter { $0.0.milliseconds > 0 }.map(\.1).sorted()
        guard let median = Statistics.median(rates), let slowest = rates.first else { return ["No batches were measured."] }
        var notes = ["\(rates.count) batches; median \(grouped(Int(median.rounded()))) items/s, slowest \(grouped(Int(slowest.rounded()))) items/s."]
        let perf = model.sessions.map(\.batchPerformance)
        let read = perf.reduce(0) { $0 + $1.readMs }, write = perf.reduce(0) { $0 + $1.writeMs }
        if read + write > 0 {
            let share = write / (read + write) * 100
            notes.append("Reading PSTs took \((100 - share).fixed(0))% of the batch time, writing the store \(share.fixed(0))%.")
            notes.append(share > 40
                ? "Store writes are a large share: a larger --batch-size means fewer transactions."
                : "Reading dominates: more files in parallel (--jobs) helps when there are several PSTs.")
        }
        if slowest < median / 4 {
            notes.append("Some batches ran at under a quarter of the median rate: look for slow disks or very large attachments.")
        }
        return notes
    }

    static func filterText(_ filter: ReportFilter) -> String {
        var parts: [String] = []
        if let session = filter.session { parts.append("session \(session)") }
        if let from = filter.from { parts.append("from \(from)") }
        if let to = filter.to { parts.append("to \(to)") }
        return parts.isEmpty ? "the whole store" : parts.joined(separator: ", ")
    }
}
