import Foundation
import Hummingbird
import MailModel
import Store

/// A request's query parameters, checked: what is malformed is a 400 with a message, never a 500.
struct Parameters {
    let query: [String: String]

    /// Read as a form encodes them (what a browser's GET form sends): "+" is a space, "%2B" a plus.
    init(_ request: Request) {
        func decoded(_ text: Substring) -> String {
            let spaced = text.replacingOccurrences(of: "+", with: " ")
            return spaced.removingPercentEncoding ?? spaced
        }
        var query: [String: String] = [:]
        for pair in (request.uri.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decoded(parts[0])
            if !name.isEmpty { query[name] = parts.count > 1 ? decoded(parts[1]) : "" }
        }
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

    /// The custodian as the store spells it (a file's given or detected custodian, or the
    /// mailbox the analysis named); 404 for one it does not have.
    func custodian(in store: AnalyticsStore) throws -> String? {
        guard let name = text("custodian") else { return nil }
        let analysed = try store.timeline(TimelineQuery(contact: "")).map(\.custodian)
        guard let known = (try store.custodians() + analysed).first(where: { $0.caseInsensitiveCompare(name) == .orderedSame })
        else { throw HTTPError(.notFound, message: "no custodian \"\(name)\" in this store") }
        return known
    }

    func requiredCustodian(in store: AnalyticsStore) throws -> String {
        guard let custodian = try custodian(in: store) else { throw HTTPError(.badRequest, message: "custodian is required") }
        return custodian
    }

    func required(_ name: String) throws -> String {
        guard let value = text(name) else { throw HTTPError(.badRequest, message: "\(name) is required") }
        return value
    }

    func requiredDay(_ name: String) throws -> String {
        guard let day = try day(name) else { throw HTTPError(.badRequest, message: "\(name) is required") }
        return day
    }

    func requiredAddress(_ name: String) throws -> String { try required(name).lowercased() }

    /// A lower-cased address, as the store keeps them.
    func address(_ name: String) -> String? { text(name)?.lowercased() }

    /// A whole number within `range`; `fallback` when absent.
    func integer(_ name: String, in range: ClosedRange<Int>, fallback: Int) throws -> Int {
        guard let value = text(name) else { return fallback }
        guard let number = Int(value), range.contains(number) else {
            throw HTTPError(.badRequest, message: "\(name) is a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }
}
