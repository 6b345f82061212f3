import Foundation
import Hummingbird
import MailModel
import Reports
import Store

/// One import session as a line of the sessions list.
struct SessionLine: Encodable {
    let sessionID: String
    let status: String
    let startTime: String
    let endTime: String?
    let custodian: String?
    let files: Int
    let emails: Int
    let newEmails: Int
    let duplicates: Int
    let itemsFailed: Int
    let link: String

    init(_ record: SessionRecord) {
        sessionID = record.sessionID
        status = record.status.rawValue
        startTime = record.startTime
        endTime = record.endTime
        custodian = record.custodian
        files = record.files.count
        emails = record.totalEmails
        newEmails = record.successfulImports
        duplicates = record.duplicatesDetected
        itemsFailed = record.errorSummary.itemsFailed
        link = Links.session(record.sessionID)
    }
}

/// `/sessions`, `/session`, and their API: the list, and one session's files, errors, alerts
/// and throughput, with the session record as `pstscope sessions --format json` gives it.
struct SessionPages: Sendable {
    let store: AnalyticsStore
    let feed: LiveFeed

    func records() throws -> [SessionRecord] { try feed.sessionRecords() }

    func record(_ parameters: Parameters) throws -> SessionRecord {
        let id = try parameters.required("id")
        guard let record = try records().first(where: { $0.sessionID == id }) else {
            throw HTTPError(.notFound, message: "no import session \(id)")
        }
        return record
    }

    func addAPI(to api: RouterGroup<BasicRequestContext>) {
        api.get("sessions") { _, _ in try JSONResponse.encoding(try records().map(SessionLine.init)) }
        api.get("session") { request, _ in JSONResponse.text(try JSONDocument.text(try record(Parameters(request)))) }
    }

    func list(_ pages: Pages) throws -> Response {
        let lines = try records().map(SessionLine.init)
        return pages.render("sessions", title: "Import sessions", ["sessions": lines, "hasSessions": !lines.isEmpty])
    }

    func session(_ parameters: Parameters, _ pages: Pages) throws -> Response {
        let record = try record(parameters)
        let id = record.sessionID
        let rates = try store.batchThroughput(session: id).map {
            $0.milliseconds > 0 ? Double($0.items) / ($0.milliseconds / 1000) : 0
        }
        let errors = try store.importErrors(session: id)
        let alerts = try store.alerts(session: id).map(\.alert)
        let performance = record.batchPerformance
        return pages.render("session", title: "Session \(id)", [
            "line": SessionLine(record),
            "files": record.files.map { file -> [String: Any] in
                ["path": file.path, "status": file.status.rawValue, "emails": file.emails, "newEmails": file.newEmails,
                 "duplicates": file.duplicates, "itemsFailed": file.itemsFailed,
                 "readSeconds": file.readMs.map { ($0 / 1000).fixed(1) } ?? "–", "error": file.error ?? ""]
            },
            "errors": errors.prefix(500).map { error -> [String: Any] in
                ["at": error.at, "path": error.path, "kind": error.kind, "folder": error.folder ?? "", "message": error.message]
            },
            "hasErrors": !errors.isEmpty, "moreErrors": errors.count > 500, "errorCount": errors.count,
            "alerts": alerts.map { ["at": $0.at, "severity": $0.severity.rawValue, "kind": $0.kind.rawValue, "message": $0.message] },
            "hasAlerts": !alerts.isEmpty,
            "throughput": SVGCharts.throughput(rates, label: "items per second, batch by batch"),
            "performance": [
                "batches": performance.batches, "itemsPerSecond": performance.itemsPerSecond.fixed(1),
                "p50": performance.p50BatchMs.fixed(1), "p95": performance.p95BatchMs.fixed(1),
            ],
            "jsonLink": Links.path("/api/v1/session", ["id": id]),
        ])
    }
}
