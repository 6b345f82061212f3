import Foundation
import Hummingbird
import MailModel
import Reports
import Store

/// `/api/v1/`: the JSON every page is built from. Described by `schemas/serve-api.openapi.json`,
/// served at `/api/v1/openapi.json`.
struct APIRoutes: Sendable {
    let store: AnalyticsStore
    let feed: LiveFeed
    let openAPIDocument: String

    func add(to router: Router<BasicRequestContext>) {
        let api = router.group("api/v1")
        api.get("openapi.json") { _, _ in JSONResponse.text(openAPIDocument) }
        api.get("overview") { _, _ in try JSONResponse.encoding(try feed.snapshot().snapshot.overview) }
        api.get("live") { _, _ in try JSONResponse.encoding(try feed.snapshot().snapshot) }
        api.get("events") { _, _ in feed.events() }
        api.get("custodians") { _, _ in try JSONResponse.encoding(try CustodianSummary.all(in: store)) }
        api.get("gaps") { request, _ in try gaps(Parameters(request)) }
        api.get("custodian") { request, _ in
            let parameters = Parameters(request)
            let range = try parameters.dayRange()
            return try JSONResponse.encoding(try CustodianView(
                custodian: try parameters.requiredCustodian(in: store), from: range.from, to: range.to, store: store))
        }
        api.get("gap") { request, _ in
            let parameters = Parameters(request)
            return try JSONResponse.encoding(try GapView(
                custodian: try parameters.requiredCustodian(in: store), start: try parameters.requiredDay("start"),
                contact: parameters.address("contact"), store: store))
        }
        api.get("contacts") { request, _ in
            let parameters = Parameters(request)
            let matches = try store.searchContacts(try parameters.required("q"),
                                                   limit: try parameters.integer("limit", in: 1...50, fallback: 10))
            return try JSONResponse.encoding(matches.map(ContactSuggestion.init))
        }
        api.get("contact") { request, _ in
            try JSONResponse.encoding(try ContactView.of(try Parameters(request).requiredAddress("email"), store: store, feed: feed))
        }
        api.get("network") { request, _ in
            try JSONResponse.encoding(try NetworkView.of(Parameters(request), store: store, feed: feed))
        }
        SessionPages(store: store, feed: feed).addAPI(to: api)
        api.get("messages") { request, _ in
            try JSONResponse.encoding(try MessagesView(Parameters(request), store: store))
        }
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

enum JSONResponse {
    static func text(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func encoding(_ value: some Encodable) throws -> Response {
        text(try JSONDocument.text(value))
    }
}
