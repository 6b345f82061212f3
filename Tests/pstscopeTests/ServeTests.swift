import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// `pstscope serve` as a user starts it: the real binary on a free loopback port, asked over HTTP.
@Suite(.serialized) struct ServeTests {
    let scratch = Scratch()

    /// A store of the gappy sample, imported and analysed by the CLI.
    private func store() throws -> String {
        let path = scratch.path("store.sqlite")
        let sample = SampleCorpus.packageRoot.appendingPathComponent("samples/gappy.pst").path
        let result = try Pstscope.run(["import", sample, "--store", path, "--custodian", "gappy", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        return path
    }

    /// Every page, file and API route (with parameters that find something in the gappy sample).
    static let routes = [
        "/", "/custodian?custodian=gappy", "/gap?custodian=gappy&start=2022-03-07", "/contacts", "/contacts?q=dana",
        "/contact?email=dana.whitfield%40northwind.example", "/messages", "/messages?q=budget", "/network", "/sessions",
        "/static/style.css", "/static/app.js",
        "/api/v1/openapi.json", "/api/v1/overview", "/api/v1/live", "/api/v1/custodians", "/api/v1/gaps",
        "/api/v1/custodian?custodian=gappy", "/api/v1/gap?custodian=gappy&start=2022-03-07", "/api/v1/contacts?q=dana",
        "/api/v1/contact?email=dana.whitfield%40northwind.example", "/api/v1/messages?q=budget", "/api/v1/network",
        "/api/v1/sessions",
    ]

    @Test func aHostOtherThanLoopbackNeedsAToken() throws {
        let result = try Pstscope.run(["serve", "--store", try store(), "--host", "0.0.0.0", "--port", "0"])
        #expect(result.status == 1)
        #expect(result.errorLines == ["pstscope: error: --host 0.0.0.0 is reachable from other machines: give --token-file "
                                      + "with a secret, or serve on 127.0.0.1"])
        #expect(!result.stdout.contains("serving"))
    }

    /// A store that is not there is one error line: serve creates nothing.
    @Test func aMissingStoreIsRefused() throws {
        let path = scratch.path("none.sqlite")
        let result = try Pstscope.run(["serve", "--store", path, "--port", "0"])
        #expect(result.status == 1)
        #expect(result.errorLines == ["pstscope: error: \(path): no such store"])
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aTokenFileOthersCanReadIsRefused() throws {
        let token = try scratch.file("token", Data("0123456789abcdef0123\n".utf8))
        chmod(token, 0o644)
        let result = try Pstscope.run(["serve", "--store", try store(), "--port", "0", "--token-file", token])
        #expect(result.status == 1)
        #expect(result.errorLines.first?.contains("can be read by others") == true)
    }

    /// With a token, nothing answers without it (pages, files, API, unknown paths); the bearer
    /// header and the login page's cookie both let a request in; a wrong token does not.
    @Test func everyRouteNeedsTheToken() async throws {
        let secret = "s3cret-token-0123456789"
        let token = try scratch.file("token", Data("\(secret)\n".utf8))
        chmod(token, 0o600)
        let server = try RunningServer(["serve", "--store", try store(), "--port", "0", "--token-file", token], scratch: scratch)
        defer { server.stop() }
        for path in Self.routes + ["/no/such/page"] {
            let bare = try await server.get(path)
            #expect(bare.status == 401, "\(path) without the token")
            let wrong = try await server.get(path, headers: ["Authorization": "Bearer not-the-token-at-all"])
            #expect(wrong.status == 401, "\(path) with a wrong token")
            let right = try await server.get(path, headers: ["Authorization": "Bearer \(secret)"])
            #expect(right.status == (path == "/no/such/page" ? 404 : 200), "\(path) with the token")
        }
        // The event stream never ends: its first event is read, or its refusal.
        #expect(try server.firstLine("/api/v1/events").status == 401)
        #expect(try server.firstLine("/api/v1/events", headers: ["Authorization": "Bearer wrong-token-0000000"]).status == 401)
        let events = try server.firstLine("/api/v1/events", headers: ["Authorization": "Bearer \(secret)"])
        #expect(events.status == 200 && events.line == "event: live", "\(events)")
        let refused = try await server.post("/login", form: "token=guess")
        #expect(refused.status == 401)
        let login = try await server.post("/login", form: "token=\(secret)")
        #expect(login.status == 303)
        let cookie = try #require(login.headers["Set-Cookie"])
        #expect(cookie.hasPrefix("pstscope_token=\(secret)") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        let withCookie = try await server.get("/api/v1/overview", headers: ["Cookie": "pstscope_token=\(secret)"])
        #expect(withCookie.status == 200)
    }

    /// Every response, errors included, says where scripts and styles may come from and that its
    /// type is not to be guessed; none allows another origin to read it.
    @Test func securityHeadersOnEveryResponse() async throws {
        let server = try RunningServer(["serve", "--store", try store(), "--port", "0"], scratch: scratch)
        defer { server.stop() }
        for path in Self.routes + ["/api/v1/gaps?from=2021-02-30", "/nothing", "/custodian?custodian=nobody"] {
            let response = try await server.get(path)
            let policy = try #require(response.headers["Content-Security-Policy"], "\(path)")
            #expect(policy.contains("script-src 'self'") && policy.contains("style-src 'self'") && policy.contains("default-src 'none'"))
            #expect(response.headers["X-Content-Type-Options"] == "nosniff", "\(path)")
            #expect(response.headers["Access-Control-Allow-Origin"] == nil, "\(path)")
        }
    }

    /// The API's gaps are the CLI's, byte for byte, for the same custodian and dates; bad
    /// parameters are a 4xx with a message, never a 500; the request log holds no query string.
    @Test func gapsAsTheCommandLineGivesThem() async throws {
        let path = try store()
        let custodian = try #require(try Pstscope.run(["gaps", "--store", path, "--format", "json"]).stdout
            .split(separator: "\"custodian\" : \"").dropFirst().first?.split(separator: "\"").first).description
        let server = try RunningServer(["serve", "--store", path, "--port", "0"], scratch: scratch)
        defer { server.stop() }
        let cli = try Pstscope.run(["gaps", "--store", path, "--custodian", custodian, "--from", "2021-06-01",
                                    "--to", "2022-12-31", "--format", "json"])
        #expect(cli.status == 0)
        let query = "custodian=\(custodian.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&from=2021-06-01&to=2022-12-31"
        let api = try await server.get("/api/v1/gaps?\(query)")
        #expect(api.status == 200)
        #expect(api.body == cli.stdout)
        #expect(cli.stdout.contains("\"gaps\" : [\n        {"), "the range holds gaps: the comparison shows them")

        let bad: [(String, Int, String)] = [
            ("from=2021-13-01", 400, "is not a date"), ("from=2022-01-01&to=2021-01-01", 400, "is after"),
            ("min_severity=dire", 400, "minor, moderate, major or critical"), ("custodian=nobody", 404, "no custodian"),
        ]
        for (parameters, status, message) in bad {
            let response = try await server.get("/api/v1/gaps?\(parameters)")
            #expect(response.status == status, "\(parameters)")
            let error = try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: [String: Any]]
            #expect((error?["error"]?["message"] as? String)?.contains(message) == true, "\(parameters): \(response.body)")
            #expect(error?["error"]?["status"] as? Int == status)
        }
        let log = server.log()
        #expect(log.contains("GET /api/v1/gaps 200") && log.contains("GET /api/v1/gaps 400"))
        #expect(!log.contains("?") && !log.contains("nobody") && !log.contains(custodian))
    }

    /// Every route's bad parameters: a 4xx with a message that names the problem, never a 500.
    @Test func badParametersAreRefusedWithAMessage() async throws {
        let server = try RunningServer(["serve", "--store", try store(), "--port", "0"], scratch: scratch)
        defer { server.stop() }
        let bad: [(String, Int, String)] = [
            ("/api/v1/custodian", 400, "custodian is required"),
            ("/api/v1/custodian?custodian=nobody", 404, "no custodian"),
            ("/api/v1/custodian?custodian=gappy&from=2022-02-30", 400, "is not a date"),
            ("/api/v1/gap?custodian=gappy", 400, "start is required"),
            ("/api/v1/gap?custodian=gappy&start=2022-03-08", 404, "no gap of gappy starts on 2022-03-08"),
            ("/api/v1/contacts", 400, "q is required"),
            ("/api/v1/contacts?q=dana&limit=51", 400, "limit is a whole number from 1 to 50"),
            ("/api/v1/contact?email=nobody%40nowhere.example", 404, "no mail with nobody@nowhere.example"),
            ("/api/v1/messages", 400, "q is required"),
            ("/api/v1/messages?q=%22%2A%28%29", 400, "no word to search for"),
            ("/api/v1/messages?q=budget&limit=100000", 400, "limit is a whole number from 1 to 200"),
            ("/api/v1/messages?q=budget&offset=-1", 400, "offset is a whole number"),
            ("/api/v1/messages?q=budget&from=2023-01-01&to=2022-01-01", 400, "is after"),
            ("/api/v1/network?community=many", 400, "community is a whole number"),
            ("/api/v1/network?top=0", 400, "top is a whole number from 1 to 300"),
            ("/api/v1/session?id=import_19990101_000000", 404, "no import session"),
            ("/gap?custodian=gappy&start=1999-01-01", 404, "no gap"),
        ]
        for (path, status, message) in bad {
            let response = try await server.get(path)
            #expect(response.status == status, "\(path): \(response.body)")
            let error = try? JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: [String: Any]]
            #expect((error?["error"]?["message"] as? String)?.contains(message) == true, "\(path): \(response.body)")
        }
    }

    /// The contact and message API agree with the command line and with the store's rows.
    @Test func contactAndSearchAgreeWithTheCommandLineAndTheStore() async throws {
        let path = try store()
        let server = try RunningServer(["serve", "--store", path, "--port", "0"], scratch: scratch)
        defer { server.stop() }
        let senders = try #require(try JSONSerialization.jsonObject(with: Data(
            try Pstscope.run(["senders", "--store", path, "--top", "0", "--format", "json"]).stdout.utf8)) as? [[String: Any]])
        let first = try #require(senders.first)
        let email = try #require(first["sender_email"] as? String)
        let reply = try await server.get("/api/v1/contact?email=\(email.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
        let contact = try #require(try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any])
        let profiles = try #require(contact["profiles"] as? [[String: Any]])
        let cliProfiles = senders.filter { $0["sender_email"] as? String == email }
        #expect(profiles.count == cliProfiles.count)
        #expect((profiles.first?["metrics"] as? NSDictionary) == (first["metrics"] as? NSDictionary))
        // A month's mail both ways adds up to what the store holds with the contact.
        let months = try #require(contact["months"] as? [[String: Any]])
        let fromContact = months.reduce(0) { $0 + ($1["from_contact"] as? Int ?? 0) }
        #expect(fromContact == (first["metrics"] as? [String: Any])?["emails_from_contact"] as? Int)

        let search = try await server.get("/api/v1/messages?q=budget&limit=5")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(search.body.utf8)) as? [String: Any])
        let (_, counted) = try ExternalTools.run("/usr/bin/python3", ["-c", """
            import re, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            rows = db.execute("SELECT m.subject, m.sender_name, m.sender_email, (SELECT group_concat(coalesce(name, '') || ' ' || coalesce(email, ''), ' ') FROM recipients WHERE message_id = m.id) FROM messages m")
            print(sum(any(w.startswith("budget") for w in re.findall(r"\\w+", " ".join(c or "" for c in row).lower())) for row in rows))
            """, path])
        #expect(result["total"] as? Int == Int(counted.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect((result["messages"] as? [Any])?.count == min(5, result["total"] as? Int ?? 0))
    }

    /// The overview's figures are the report's summary (the server counts them from less of the store).
    @Test func theOverviewIsTheReportsSummary() async throws {
        let path = try store()
        let out = scratch.path("report")
        #expect(try Pstscope.run(["report", "--store", path, "--out", out, "--format", "json"]).status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/report.json")))
            as? [String: Any])
        let summary = try #require(report["summary"] as? [String: Any])
        let server = try RunningServer(["serve", "--store", path, "--port", "0"], scratch: scratch)
        defer { server.stop() }
        let overview = try #require(try JSONSerialization.jsonObject(
            with: Data(try await server.get("/api/v1/overview").body.utf8)) as? [String: Any])
        for key in ["sessions", "files", "files_failed", "emails", "new_messages", "duplicates", "items_failed", "custodians",
                    "correspondents"] {
            #expect(overview[key] as? Int == summary[key] as? Int, "\(key)")
        }
        #expect((overview["mean_completeness"] as? Double).map { abs($0 - (summary["mean_completeness"] as? Double ?? -1)) < 0.051 } == true)
        let gaps = try #require(overview["gaps_by_severity"] as? [String: Int])
        for severity in ["minor", "moderate", "major", "critical"] {
            #expect(gaps[severity] == summary["gaps_\(severity)"] as? Int, "\(severity)")
        }
        #expect(overview["serious_gaps"] as? Int == (gaps["major"] ?? 0) + (gaps["critical"] ?? 0))
    }

    /// A browser tab left open on the overview holds an event stream; stopping the server ends
    /// it at once instead of waiting for the tab to go.
    @Test func stoppingEndsOpenEventStreams() async throws {
        let server = try RunningServer(["serve", "--store", try store(), "--port", "0"], scratch: scratch)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        reader.arguments = ["-c", "import sys, urllib.request\nr = urllib.request.urlopen(sys.argv[1])\nwhile r.readline(): pass",
                            URL(string: "/api/v1/events", relativeTo: server.base)!.absoluteString]
        try reader.run()
        defer { reader.terminate() }
        try await Task.sleep(for: .seconds(1))
        #expect(reader.isRunning, "the stream stays open while the server runs")
        let started = ContinuousClock.now
        server.stop()
        #expect(ContinuousClock.now - started < .seconds(3))
        reader.waitUntilExit()
    }

    /// The server reads; it never changes the store, whose bytes stay as the import left them.
    @Test func theStoreIsNotChanged() async throws {
        let path = try store()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let server = try RunningServer(["serve", "--store", path, "--port", "0"], scratch: scratch)
        for route in ["/", "/api/v1/overview", "/api/v1/custodians", "/api/v1/gaps"] {
            #expect(try await server.get(route).status == 200)
        }
        server.stop()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}

/// `pstscope serve …` running until stopped, with the address it printed.
final class RunningServer: @unchecked Sendable {
    let process: Process
    let base: URL
    private let errors: URL
    private let session: URLSession

    init(_ arguments: [String], scratch: Scratch) throws {
        let output = URL(fileURLWithPath: scratch.path("serve-\(UUID().uuidString).out"))
        errors = URL(fileURLWithPath: scratch.path("serve-\(UUID().uuidString).err"))
        process = try Pstscope.launch(arguments, stdout: output, stderr: errors)
        let deadline = Date().addingTimeInterval(30)
        var found: URL?
        while found == nil, Date() < deadline, process.isRunning {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if let range = text.range(of: "http://[^ ]+/", options: .regularExpression) { found = URL(string: String(text[range])) }
            else { Thread.sleep(forTimeInterval: 0.1) }
        }
        guard let found else {
            process.terminate()
            throw NotListening(stderr: (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
        }
        base = found
        session = URLSession(configuration: .ephemeral, delegate: NoRedirects(), delegateQueue: nil)
    }

    struct NotListening: Error, CustomStringConvertible {
        let stderr: String
        var description: String { "serve did not say where it listens: \(stderr)" }
    }

    struct Reply {
        let status: Int
        let headers: [String: String]
        let body: String
    }

    func get(_ path: String, headers: [String: String] = [:]) async throws -> Reply {
        var request = URLRequest(url: URL(string: path, relativeTo: base)!)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        return try await send(request)
    }

    func post(_ path: String, form: String) async throws -> Reply {
        var request = URLRequest(url: URL(string: path, relativeTo: base)!)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(form.utf8)
        return try await send(request)
    }

    private func send(_ request: URLRequest) async throws -> Reply {
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields { headers[String(describing: name)] = String(describing: value) }
        return Reply(status: http.statusCode, headers: headers, body: String(decoding: data, as: UTF8.self))
    }

    /// The status and first line of a response read as it streams (an event stream never
    /// ends), by Python's HTTP client: URLSession on Linux hands over a body only when it is complete.
    func firstLine(_ path: String, headers: [String: String] = [:]) throws -> (status: Int, line: String) {
        let script = """
            import json, sys, urllib.error, urllib.request
            request = urllib.request.Request(sys.argv[1], headers=json.loads(sys.argv[2]))
            try:
                response = urllib.request.urlopen(request, timeout=10)
                print(response.status); print(response.readline().decode().rstrip())
            except urllib.error.HTTPError as error:
                print(error.code); print("")
            """
        let headerText = String(decoding: try JSONSerialization.data(withJSONObject: headers), as: UTF8.self)
        let (_, output) = try ExternalTools.run(
            "/usr/bin/python3", ["-c", script, URL(string: path, relativeTo: base)!.absoluteString, headerText])
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.first ?? "") ?? 0, lines.count > 1 ? String(lines[1]) : "")
    }

    /// What it wrote on standard error: the request log.
    func log() -> String { (try? String(contentsOf: errors, encoding: .utf8)) ?? "" }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

/// The login page's 303 is checked as it is, not followed.
private final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}
