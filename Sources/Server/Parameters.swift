import Hummingbird
import MailModel
import Store

/// A request's query parameters, checked: what is malformed is a 400 with a message, never a 500.
struct Parameters {
    let query: [String: String]

    init(_ request: Request) {
        var query: [String: String] = [:]
        for (name, value) in request.uri.queryParameters { query[String(name)] = String(value) }
        self.query = query
    }

    func text(_ name: String) -> String? {
        query[name].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A day as YYYY-MM-DD.
    func day(_ name: String) throws -> String? {
        guard let value = text(name) else { return nil }
        guard Day(iso: value) != nil else { throw HTTPError(.badRequest, message: "\(name) \(value) is not a date (YYYY-MM-DD)") }
        return value
    }

    /// `from` and `to`, in order.
    func dayRange() throws -> (from: String?, to: String?) {
        let from = try day("from"), to = try day("to")
        if let from, let to, from > to { throw HTTPError(.badRequest, message: "from \(from) is after to \(to)") }
        return (from, to)
    }

    func severity(_ name: String) throws -> Severity {
        guard let value = text(name) else { return .minor }
        guard let severity = Severity(name: value) else {
            throw HTTPError(.badRequest, message: "\(name) is minor, moderate, major or critical")
        }
        return severity
    }

    /// The custodian as the store spells it; 404 for one it does not have.
    func custodian(in store: AnalyticsStore) throws -> String? {
        guard let name = text("custodian") else { return nil }
        guard let known = try store.custodians().first(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) else {
            throw HTTPError(.notFound, message: "no custodian \"\(name)\" in this store")
        }
        return known
    }
}
