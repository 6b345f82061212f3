import Foundation
import Hummingbird
import MailModel
import Mustache
import Reports
import Store

/// Server-rendered pages from `templates/serve/` (Mustache, which escapes every value it
/// shows: names and subjects from a PST are hostile). Their style and scripts are files of
/// `templates/serve/static/`, served by the server itself: no inline code, nothing fetched
/// from elsewhere, so the Content-Security-Policy can allow only this origin.
struct Pages: Sendable {
    let store: AnalyticsStore
    let feed: LiveFeed
    let library: MustacheLibrary
    let assets: URL

    init(store: AnalyticsStore, feed: LiveFeed, templates: URL) throws(ServerStartError) {
        self.store = store
        self.feed = feed
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
        router.get("custodian") { request, _ in try custodian(Parameters(request)) }
        router.get("gap") { request, _ in try gap(Parameters(request)) }
        router.get("contacts") { request, _ in try contacts(Parameters(request)) }
        router.get("contact") { request, _ in try contact(Parameters(request)) }
        router.get("messages") { request, _ in try messages(Parameters(request)) }
        router.get("network") { request, _ in try network(Parameters(request)) }
        router.get("sessions") { _, _ in try SessionPages(store: store, feed: feed).list(self) }
        router.get("session") { request, _ in try SessionPages(store: store, feed: feed).session(Parameters(request), self) }
        router.get("static/:name") { _, context in try asset(context.parameters.require("name")) }
    }

    func custodian(_ parameters: Parameters) throws -> Response {
        let name = try parameters.requiredCustodian(in: store)
        let range = try parameters.dayRange()
        let view = try CustodianView(custodian: name, from: range.from, to: range.to, store: store)
        let gapLinks = view.gaps.compactMap { gap in DayRange(from: gap.start, to: gap.end).days.map { ($0, gap.link) } }
        let heatmap = SVGCharts.heatmap(
            days: view.days, gaps: gapLinks.map(\.0), label: "\(name): mail per day", cell: 3,
            link: { day in
                if let gap = gapLinks.first(where: { $0.0.contains(day) }) { return gap.1 }
                let month = Day(day.year, day.month, 1)
                let end = Day(day.month == 12 ? day.year + 1 : day.year, day.month % 12 + 1, 1).advanced(by: -1)
                return Links.custodian(name, from: month.description, to: end.description)
            })
        let coverage = SVGCharts.coverage(
            view.files.map { (name: $0.path, runs: $0.runs.compactMap(\.days)) },
            uncovered: view.uncovered.compactMap(\.days), label: "\(name): which file covers which days")
        return render("custodian", title: name, [
            "view": view, "heatmap": heatmap, "coverage": coverage, "hasGaps": !view.gaps.isEmpty,
            "completeness": view.summary.completenessScore.fixed(1),
            "messagesLink": Links.messages(custodian: name, from: range.from, to: range.to),
        ])
    }

    func gap(_ parameters: Parameters) throws -> Response {
        let view = try GapView(custodian: try parameters.requiredCustodian(in: store), start: try parameters.requiredDay("start"),
                               contact: parameters.address("contact"), store: store)
        let chart = SVGCharts.bars(view.days.map { day in
            (label: day.day + (day.inGap ? " (gap)" : ""), value: Double(day.actual),
             text: "\(day.actual)" + (day.expected.map { ", expected \($0)" } ?? ""))
        }, label: "mail per day around the gap")
        var fields: [String: Any] = [
            "view": view, "chart": chart, "custodianLink": Links.custodian(view.custodian),
            "hasSilent": !view.silentContacts.isEmpty,
            "hasExamples": !view.missingRepliedToExamples.isEmpty, "hasFiles": !view.coveringFiles.isEmpty,
        ]
        if let contact = view.contact { fields["contactLink"] = Links.contact(contact) }
        return render("gap", title: "Gap from \(view.gap.start)", fields)
    }

    func contacts(_ parameters: Parameters) throws -> Response {
        let text = parameters.text("q")
        let matches = try text.map { try store.searchContacts($0, limit: 50) } ?? []
        return render("contacts", title: "Contacts", [
            "q": text ?? "", "matches": matches.map(ContactSuggestion.init), "searched": text != nil,
            "found": !matches.isEmpty,
        ])
    }

    func contact(_ parameters: Parameters) throws -> Response {
        let view = try ContactView.of(try parameters.requiredAddress("email"), store: store, feed: feed)
        let months = SVGCharts.bars(view.months.suffix(36).map { month in
            (label: month.month, value: Double(month.fromContact + month.toContact),
             text: "\(month.fromContact) from, \(month.toContact) to")
        }, label: "mail with \(view.email) per month")
        let replies = ResponseTimes.labels.indices.map { index in
            ["label": ResponseTimes.labels[index], "byContact": view.responseTimes.byContact[index],
             "toContact": view.responseTimes.toContact[index]] as [String: Any]
        }
        return render("contact", title: view.name ?? view.email, [
            "view": view, "rows": view.records.map(ProfileRow.init), "monthsChart": months, "replies": replies,
            "hasGaps": !view.gaps.isEmpty, "hasLinks": !view.links.isEmpty,
            "links": view.links.map { edge -> [String: Any] in
                let outgoing = edge.source == view.email
                let other = outgoing ? edge.target : edge.source
                return ["other": other, "link": Links.contact(other), "direction": outgoing ? "to" : "from",
                        "messages": edge.messages, "weight": edge.weight.fixed(1)]
            },
            "messagesLink": Links.messages(contact: view.email),
        ])
    }

    func messages(_ parameters: Parameters) throws -> Response {
        var fields: [String: Any] = [
            "q": parameters.text("q") ?? "", "custodian": parameters.text("custodian") ?? "",
            "contact": parameters.text("contact") ?? "", "from": parameters.text("from") ?? "",
            "to": parameters.text("to") ?? "", "folder": parameters.text("folder") ?? "",
        ]
        if parameters.text("q") != nil {
            let view = try MessagesView(parameters, store: store)
            fields["view"] = view
            fields["searched"] = true
            fields["rows"] = view.messages.map { message -> [String: Any] in
                ["date": message.date ?? "undated", "from": message.senderEmail ?? message.senderName ?? "",
                 "to": message.recipients.joined(separator: ", "), "subject": message.subject ?? "",
                 "seenIn": message.seenIn]
            }
        }
        return render("messages", title: "Messages", fields)
    }

    func network(_ parameters: Parameters) throws -> Response {
        let view = try NetworkView.of(parameters, store: store, feed: feed)
        let custodians = try CustodianSummary.all(in: store).map(\.custodian)
        return render("network", title: "Network", [
            "view": view, "linkCount": view.links.count, "top": try NetworkView.top(parameters),
            "custodians": custodians.map { ["name": $0, "selected": $0 == view.custodian] as [String: Any] },
            "communities": view.communities.map { ["id": $0, "selected": $0 == view.community] as [String: Any] },
        ])
    }

    /// A page of `template`, its title in the head. Every value Mustache shows is escaped
    /// unless the template asks for it raw (only the SVG charts, whose labels SVGCharts escapes).
    func render(_ template: String, title: String, _ fields: [String: Any]) -> Response {
        var context = fields
        context["title"] = title
        return html(library.render(context, withTemplate: template) ?? "")
    }

    func overview() throws -> Response {
        let live = try feed.snapshot().snapshot
        let overview = live.overview
        let custodians = try CustodianSummary.all(in: store)
        let context: [String: Any] = [
            // `key` names the figure in the live feed's overview, which the page's script updates.
            "kpis": [
                ["key": "emails", "label": "Emails imported", "value": grouped(overview.emails)],
                ["key": "custodians", "label": "Mailboxes", "value": grouped(overview.custodians)],
                ["key": "mean_completeness", "label": "Mean completeness", "value": String(format: "%.1f%%", overview.meanCompleteness)],
                ["key": "serious_gaps", "label": "Gaps, major or critical", "value": grouped(overview.seriousGaps)],
                ["key": "sessions", "label": "Import sessions", "value": grouped(overview.sessions)],
                ["key": "files_failed", "label": "Files failed", "value": grouped(overview.filesFailed)],
            ],
            "idle": live.sessions.isEmpty,
            "running": live.sessions.map { session -> [String: Any] in
                ["id": session.sessionID, "link": Links.session(session.sessionID),
                 "files": "\(session.filesDone) of \(session.filesTotal)", "items": grouped(session.items),
                 "rate": session.itemsPerSecond.fixed(1), "eta": session.etaSeconds.map { "\(Int($0)) s" } ?? "–",
                 "memory": session.rssKb.map { "\($0 / 1024) MB" } ?? "–",
                 "alerts": session.alerts.map(\.message).joined(separator: "; ")]
            },
            "custodians": custodians.map { custodian -> [String: Any] in
                [
                    "name": custodian.custodian, "link": Links.custodian(custodian.custodian), "first": custodian.firstDay ?? "–", "last": custodian.lastDay ?? "–",
                    "messages": grouped(custodian.messages),
                    "completeness": custodian.completenessScore.fixed(1),
                    "gaps": custodian.gapCount, "worst": custodian.worstSeverity ?? "none",
                    "zone": custodian.timeZone ?? "UTC",
                ]
            },
            "has_custodians": !custodians.isEmpty,
        ]
        return render("overview", title: "Overview", context)
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
