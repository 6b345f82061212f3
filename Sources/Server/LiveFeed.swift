import Foundation
import Hummingbird
import MailModel
import ServiceLifecycle
import Store
import Synchronization

/// The overview's figures and the imports running now, as the overview page and its live panel
/// show them.
struct LiveSnapshot: Encodable {
    let overview: Overview
    let sessions: [LiveSession]
}

/// Computes the snapshot again only when another process has written the store (an import's
/// batch, an analysis), so that every page and every open event stream shares one computation.
final class LiveFeed: Sendable {
    let store: AnalyticsStore
    private let changes: StoreChanges
    private let latest = Mutex<(version: Int, snapshot: LiveSnapshot, computed: ContinuousClock.Instant)?>(nil)
    private let remembered = Mutex<(version: Int, values: [String: any Sendable])>((0, [:]))

    /// How often an event stream looks for a change: well within the 2 s a change must take to show.
    static let interval = Duration.milliseconds(500)
    static let recountAfter = Duration.seconds(1)
    static let remembersAtMost = 512
    /// A comment line this often keeps proxies from closing an idle stream.
    static let keepAlive = Duration.seconds(15)

    init(store: AnalyticsStore) throws(ServerStartError) {
        self.store = store
        do {
            changes = try StoreChanges(path: store.path)
        } catch {
            throw .templates("cannot watch \(store.path) for changes: \(error)")
        }
    }

    /// The snapshot of the store's current version; while an import writes, at most one new
    /// snapshot a second (the last one stands until then), so that a large store's overview is
    /// not counted again for every batch. A change is still shown within 2 s: half a second until
    /// a stream looks, a second at most until it may count again, and the count itself.
    func snapshot() throws -> (version: Int, snapshot: LiveSnapshot) {
        let version = try changes.version()
        if let cached = latest.withLock({ $0 }),
           cached.version == version || ContinuousClock.now - cached.computed < Self.recountAfter {
            return (cached.version, cached.snapshot)
        }
        let fresh = LiveSnapshot(overview: try Overview(store, sessions: try sessionRecords()),
                                 sessions: try store.liveSessions())
        latest.withLock { $0 = (version, fresh, ContinuousClock.now) }
        return (version, fresh)
    }

    /// What `compute` gives, computed once per version of the store: what reads much of it (a
    /// session's counts, the network's layout, a busy contact's months) cannot change until it is
    /// written again.
    func remember<Value: Sendable>(_ key: String, _ compute: () throws -> Value) throws -> Value {
        let version = try changes.version()
        if let value = remembered.withLock({ $0.version == version ? $0.values[key] as? Value : nil }) { return value }
        let value = try compute()
        remembered.withLock { state in
            // A new version, or a crawl through every contact: start again.
            if state.version != version || state.values.count >= Self.remembersAtMost { state = (version, [:]) }
            state.values[key] = value
        }
        return value
    }

    /// Every session's record, newest first, for the overview and the sessions pages alike:
    /// counting a session's sightings reads them all.
    func sessionRecords() throws -> [SessionRecord] {
        try remember("sessions") { try store.sessionRecords() }
    }

    /// `text/event-stream`: a `live` event with the snapshot at once, then each time it changes.
    func events() -> Response {
        let body = ResponseBody { writer in
            try await self.stream(to: &writer)
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"], body: body)
    }

    private func stream(to writer: inout any ResponseBodyWriter) async throws {
        var sent: Int?
        var quiet = Duration.zero
        // Stopping the server ends every stream within one look: an open tab does not hold it.
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let (version, snapshot) = try self.snapshot()
            if version != sent {
                let data = try JSONDocument.line(snapshot)
                try await writer.write(ByteBuffer(string: "event: live\ndata: \(data)\n\n"))
                sent = version
                quiet = .zero
            } else if quiet >= Self.keepAlive {
                try await writer.write(ByteBuffer(string: ": still here\n\n"))
                quiet = .zero
            }
            try await Task.sleep(for: Self.interval)
            quiet += Self.interval
        }
    }
}
