import Foundation
import Hummingbird
import MailModel
import Reports
import Store

/// `/api/v1/`: the JSON every page is built from. Described by `schemas/serve-api.openapi.json`,
/// served at `/api/v1/openapi.json`.
struct APIRoutes: Sendable {
    let store: AnalyticsStore
    let openAPIDocument: String

    func add(to router: Router<BasicRequestContext>) {
        let api = router.group("api/v1")
        api.get("openapi.json") { _, _ in JSONResponse.text(openAPIDocument) }
        api.get("overview") { _, _ in try JSONResponse.encoding(try Overview(store)) }
        api.get("custodians") { _, _ in try JSONResponse.encoding(try CustodianSummary.all(in: store)) }
        api.get("gaps") { request, _ in try gaps(Parameters(request)) }
    }

    /// What `pstscope gaps --format json` prints for the same filters, byte for byte.
    func gaps(_ parameters: Parameters) throws -> Response {
        let range = try parameters.dayRange()
        let query = TimelineQuery(
            custodian: try parameters.custodian(in: store), contact: parameters.text("contact")?.lowercased(),
            from: range.from, to: range.to, minimumSeverity: try parameters.severity("min_severity"))
        let entities = try store.timeline(query)
        return JSONResponse.text(TimelineOutput.json(entities, settings: try store.analysisSettings(),
                                                     zones: try store.mailboxZones()))
    }
}

/// A mailbox: its span, counts, completeness and worst gap, with its owner's time zone.
struct CustodianSummary: Encodable {
    let custodian: String
    let firstDay: String?
    let lastDay: String?
    let messages: Int
    let completenessScore: Double
    let gapCount: Int
    let worstSeverity: String?
    let timeZone: String?

    /// Every analysed mailbox, in the store's order.
    static func all(in store: AnalyticsStore) throws -> [CustodianSummary] {
        let zones = try store.mailboxZones()
        return try store.timeline(TimelineQuery(contact: "")).map { CustodianSummary($0, zone: zones[$0.custodian]) }
    }

    init(_ entity: TimelineEntityRecord, zone: OwnerZone?) {
        custodian = entity.custodian
        firstDay = entity.firstDay
        lastDay = entity.lastDay
        messages = entity.messages
        completenessScore = entity.completenessScore
        gapCount = entity.gapCount
        worstSeverity = entity.worstSeverity?.description
        timeZone = zone?.zone
    }
}

/// The executive figures: what was imported, how complete the mailboxes are, and the gaps.
struct Overview: Encodable {
    let sessions: Int
    let files: Int
    let filesFailed: Int
    let emails: Int
    let newMessages: Int
    let duplicates: Int
    let itemsFailed: Int
    let custodians: Int
    let meanCompleteness: Double
    let gapsBySeverity: [String: Int]
    let correspondents: Int

    init(_ store: AnalyticsStore) throws {
        let summary = try ReportModel.load(store, filter: ReportFilter()).summary
        sessions = summary.sessions
        files = summary.files
        filesFailed = summary.filesFailed
        emails = summary.emails
        newMessages = summary.newMessages
        duplicates = summary.duplicates
        itemsFailed = summary.itemsFailed
        custodians = summary.custodians
        meanCompleteness = (summary.meanCompleteness * 10).rounded() / 10
        gapsBySeverity = Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.description, summary.gapsBySeverity[$0] ?? 0) })
        correspondents = summary.correspondents
    }
}

enum JSONResponse {
    static func text(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func encoding(_ value: some Encodable) throws -> Response {
        text(try JSONDocument.text(value))
    }
}
