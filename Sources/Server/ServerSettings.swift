import Foundation

/// Where `serve` listens and who may ask. The store is sensitive: the server binds to
/// loopback unless told otherwise, and anywhere else it asks every request for a token.
public struct ServerSettings: Sendable {
    public var host: String
    public var port: Int
    public var token: AccessToken?

    /// Refuses a non-loopback host without a token.
    public init(host: String = "127.0.0.1", port: Int = 8080, token: AccessToken? = nil) throws(ServerSettingsError) {
        guard (0...65_535).contains(port) else { throw .badPort(port) }
        guard token != nil || Self.isLoopback(host) else { throw .tokenRequired(host) }
        self.host = host
        self.port = port
        self.token = token
    }

    /// 127.0.0.0/8, ::1 and localhost: reachable from this machine only.
    public static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}

public enum ServerSettingsError: Error, Equatable, CustomStringConvertible {
    case badPort(Int)
    case tokenRequired(String)
    case tokenFile(String)

    public var description: String {
        switch self {
        case .badPort(let port): "--port \(port) is not a port (0-65535)"
        case .tokenRequired(let host):
            "--host \(host) is reachable from other machines: give --token-file with a secret, or serve on 127.0.0.1"
        case .tokenFile(let reason): reason
        }
    }
}

/// The secret a request must carry, as a bearer header or as the cookie the login page sets.
public struct AccessToken: Sendable {
    let secret: [UInt8]
    static let minimumLength = 16

    /// Reads the first line of `path`. The file must be its owner's alone, like the store.
    public init(file path: String) throws(ServerSettingsError) {
        var status = stat()
        guard stat(path, &status) == 0 else { throw .tokenFile("cannot read the token file \(path)") }
        guard status.st_mode & 0o077 == 0 else {
            throw .tokenFile("the token file \(path) can be read by others: chmod 600 \(path)")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .tokenFile("cannot read the token file \(path) (not UTF-8 text?)")
        }
        let line = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard line.utf8.count >= Self.minimumLength else {
            throw .tokenFile("the token in \(path) is shorter than \(Self.minimumLength) characters")
        }
        // It travels in a header and a cookie: letters, digits and base64's or a URL's marks only.
        guard line.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-._~+/=".unicodeScalars.contains($0)) })
        else { throw .tokenFile("the token in \(path) may hold only letters, digits and - . _ ~ + / =") }
        secret = Array(line.utf8)
    }

    /// Compared in time that does not depend on where the guess first differs.
    func matches(_ candidate: some StringProtocol) -> Bool {
        let bytes = Array(candidate.utf8)
        guard bytes.count == secret.count else { return false }
        return zip(bytes, secret).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
