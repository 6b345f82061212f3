import Foundation

/// The pages' addresses. Names and addresses go in the query string, percent-encoded: a
/// custodian may be named by a file's path.
enum Links {
    static func custodian(_ name: String, from: String? = nil, to: String? = nil) -> String {
        path("/custodian", ["custodian": name, "from": from, "to": to])
    }

    static func gap(custodian: String, start: String, contact: String?) -> String {
        path("/gap", ["custodian": custodian, "start": start, "contact": contact])
    }

    static func contact(_ email: String) -> String { path("/contact", ["email": email]) }

    static func session(_ id: String) -> String { path("/session", ["id": id]) }

    static func messages(custodian: String? = nil, contact: String? = nil, from: String? = nil, to: String? = nil) -> String {
        path("/messages", ["custodian": custodian, "contact": contact, "from": from, "to": to])
    }

    static func path(_ path: String, _ query: [String: String?]) -> String {
        let pairs = query.compactMap { name, value in value.map { (name, $0) } }.sorted { $0.0 < $1.0 }
        guard !pairs.isEmpty else { return path }
        return path + "?" + pairs.map { "\($0)=\(encoded($1))" }.joined(separator: "&")
    }

    /// Everything but unreserved characters percent-encoded: "&", "=", "+" and "/" included.
    static func encoded(_ value: String) -> String {
        var unreserved = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        unreserved.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}
