/// An address's parts around its "@", split at the byte, not at the Character: hostile text
/// can follow the "@" with a combining mark, and Swift then sees one Character of the two (no
/// "@" in it), so a split at the Character would find no domain.
enum AddressParts {
    static func split(_ address: String) -> [Substring] {
        address.utf8.split(separator: UInt8(ascii: "@")).map { Substring($0) }
    }

    /// The part before the first "@", when there is one and it is not empty.
    static func local(_ address: String) -> Substring? {
        guard let at = address.utf8.firstIndex(of: UInt8(ascii: "@")), at > address.utf8.startIndex else { return nil }
        return Substring(address.utf8[..<at])
    }
}
