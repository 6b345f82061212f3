import Foundation
import Hummingbird
import MailModel
import Mustache
import Store

/// Server-rendered pages from `templates/serve/` (Mustache, which escapes every value it
/// shows: names and subjects from a PST are hostile). Their style and scripts are files of
/// `templates/serve/static/`, served by the server itself: no inline code, nothing fetched
/// from elsewhere, so the Content-Security-Policy can allow only this origin.
struct Pages: Sendable {
    let store: AnalyticsStore
    let library: MustacheLibrary
    let assets: URL

    init(store: AnalyticsStore, templates: URL) throws(ServerStartError) {
        self.store = store
        let folder = templates.appendingPathComponent("serve")
        assets = folder.appendingPathComponent("static")
        var library = MustacheLibrary()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasSuffix(".mustache") {
            let url = folder.appendingPathComponent(name)
            do {
                try library.register(String(contentsOf: url, encoding: .utf8), named: String(name.dropLast(".mustache".count)))
            } catch {
                throw .templates("cannot read the page template \(url.path): \(error)")
            }
        }
        guard library.getTemplate(named: "overview") != nil else {
            throw .templates("no page templates in \(folder.path): set PSTSCOPE_TEMPLATES to the templates folder")
        }
        self.library = library
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in try overview() }
        router.get("static/:name") { _, context in try asset(context.parameters.require("name")) }
    }

    func overview() throws -> Response {
        let overview = try Overview(store)
        let custodians = try CustodianSummary.all(in: store)
        let context: [String: Any] = [
            "title": "Overview",
            "kpis": [
                ["label": "Emails imported", "value": grouped(overview.emails)],
                ["label": "Mailboxes", "value": grouped(overview.custodians)],
                ["label": "Mean completeness", "value": String(format: "%.1f%%", overview.meanCompleteness)],
                ["label": "Gaps, major or critical",
                 "value": grouped((overview.gapsBySeverity["major"] ?? 0) + (overview.gapsBySeverity["critical"] ?? 0))],
                ["label": "Import sessions", "value": grouped(overview.sessions)],
                ["label": "Files failed", "value": grouped(overview.filesFailed)],
            ],
            "custodians": custodians.map { custodian -> [String: Any] in
                [
                    "name": custodian.custodian, "first": custodian.firstDay ?? "–", "last": custodian.lastDay ?? "–",
                    "messages": grouped(custodian.messages),
                    "completeness": String(format: "%.1f", custodian.completenessScore),
                    "gaps": custodian.gapCount, "worst": custodian.worstSeverity ?? "none",
                    "zone": custodian.timeZone ?? "UTC",
                ]
            },
            "has_custodians": !custodians.isEmpty,
        ]
        return html(library.render(context, withTemplate: "overview") ?? "")
    }

    /// A file of `static/` by its plain name (no path: nothing outside the folder is served).
    func asset(_ name: String) throws -> Response {
        let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml"]
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }), !name.hasPrefix("."),
              let type = types[(name as NSString).pathExtension],
              let data = FileManager.default.contents(atPath: assets.appendingPathComponent(name).path)
        else { throw HTTPError(.notFound, message: "no such file") }
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private func html(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Asks for the token and sets it as an HTTP-only, same-site cookie. Plain HTML, no script.
enum LoginPage {
    static let path = "/login"
    static let cookieName = "pstscope_token"

    static func add(to router: Router<BasicRequestContext>, token: AccessToken) {
        router.get("login") { _, _ in response(status: .ok, failed: false) }
        router.post("login") { request, _ in
            struct Form: Decodable { let token: String }
            let body = try await request.body.collect(upTo: 4096)
            let given = (try? URLEncodedFormDecoder().decode(Form.self, from: String(buffer: body)))?.token
            guard let given, token.matches(given) else { return response(status: .unauthorized, failed: true) }
            var redirect = Response(status: .seeOther, headers: [.location: "/"])
            redirect.setCookie(Cookie(name: cookieName, value: given, path: "/",
                                      httpOnly: true, sameSite: .strict))
            return redirect
        }
    }

    static func response(status: HTTPResponse.Status, failed: Bool) -> Response {
        let message = failed ? "<p class=\"error\">That is not this server's token.</p>\n" : ""
        let page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>pstscope: sign in</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body><main class="login"><h1>pstscope</h1>
            <p>This server needs its access token (the first line of its --token-file).</p>
            \(message)<form method="post" action="/login"><label>Token <input type="password" name="token" autocomplete="off" required></label>
            <button type="submit">Sign in</button></form></main></body></html>
            """
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page)))
    }
}
