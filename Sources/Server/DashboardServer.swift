import Foundation
import Hummingbird
import Logging
import NIOCore
import Store

/// `pstscope serve`: the store, opened read-only, as pages and a JSON API over HTTP.
public struct DashboardServer {
    let settings: ServerSettings
    let store: AnalyticsStore
    let pages: Pages
    let feed: LiveFeed
    let openAPIDocument: String

    /// `templates` holds `serve/`; the OpenAPI document is `schemas/serve-api.openapi.json` beside it.
    public init(settings: ServerSettings, store: AnalyticsStore, templates: URL) throws(ServerStartError) {
        self.settings = settings
        self.store = store
        feed = try LiveFeed(store: store)
        pages = try Pages(store: store, feed: feed, templates: templates)
        let schema = templates.deletingLastPathComponent().appendingPathComponent("schemas/serve-api.openapi.json")
        guard let document = try? String(contentsOf: schema, encoding: .utf8) else {
            throw .templates("cannot read the API description \(schema.path)")
        }
        openAPIDocument = document
    }

    /// Serves until the process is stopped. `listening` is told the address once bound (port 0
    /// picks a free one).
    public func run(listening: @escaping @Sendable (String) -> Void) async throws {
        let router = Router()
        router.add(middleware: RequestLog())
        router.add(middleware: SecurityHeaders())
        router.add(middleware: MethodCheck())
        if let token = settings.token {
            router.add(middleware: TokenCheck(token: token))
            LoginPage.add(to: router, token: token)
        }
        pages.add(to: router)
        APIRoutes(store: store, feed: feed, openAPIDocument: openAPIDocument).add(to: router)
        let settings = settings
        var logger = Logger(label: "pstscope.serve")
        logger.logLevel = .warning
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? settings.port
                let host = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
                listening("http://\(host):\(port)/")
            },
            logger: logger)
        try await app.runService()
    }
}

public enum ServerStartError: Error, CustomStringConvertible {
    case templates(String)

    public var description: String {
        switch self {
        case .templates(let reason): reason
        }
    }
}
