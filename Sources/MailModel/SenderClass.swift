/// What kind of correspondent an address is. The raw values are what the store, JSON, CSV and
/// XLSX carry.
public enum SenderClass: String, Sendable, Codable, CaseIterable {
    /// A colleague: the owner's own domain.
    case `internal`
    case external
    /// A machine: no-reply addresses, lists, notifications.
    case automated
    /// Too little mail to tell (one or two messages).
    case oneOff = "one_off"

    /// As the terminal and the HTML tables show it.
    public var label: String { rawValue.replacingOccurrences(of: "_", with: "-") }
}
