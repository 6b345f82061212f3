import Crypto
import Foundation

/// The identity of a message without a Message-ID: a SHA-256 of its normalised headers
/// (class, sender, recipients sorted, date to the minute, subject), written "hdr:HEX". Both
/// the import (from what it reads) and the end of a session (from stored rows, once Exchange
/// DNs are resolved) compute it here, so that the two always agree.
public enum HeaderKey {
    /// A party as the key sees it: its canonical address, else its name in lower case.
    public struct Party: Sendable {
        public var email: String?
        public var name: String?

        public init(email: String?, name: String?) {
            self.email = email
            self.name = name
        }

        var keyText: String { email ?? name?.lowercased() ?? "" }
    }

    public static let prefix = "hdr:"

    /// `seconds`: the sent time, else the received time, in Unix seconds.
    public static func of(messageClass: String?, sender: Party, recipients: [Party], seconds: Int64?, subject: String?)
        -> String
    {
        let fields = [
            messageClass?.lowercased() ?? "",
            sender.keyText,
            recipients.map(\.keyText).sorted().joined(separator: ","),
            seconds.map { String(minute($0)) } ?? "",
            normalizedSubject(subject),
        ]
        let digest = SHA256.hash(data: Data(fields.joined(separator: "\u{1F}").utf8))
        return prefix + digest.map { String(format: "%02x", $0) }.joined()
    }

    /// The minute a time falls in, rounding down before 1970 too.
    static func minute(_ seconds: Int64) -> Int64 {
        seconds >= 0 ? seconds / 60 : (seconds - 59) / 60
    }

    static func normalizedSubject(_ subject: String?) -> String {
        (subject ?? "").lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
