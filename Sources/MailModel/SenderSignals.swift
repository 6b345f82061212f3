/// The signs that a correspondent is a machine, each with the probability it gives on its own;
/// absent when not seen. Stored and written as one JSON object of the signs seen.
public struct SenderSignals: Codable, Sendable, Equatable {
    /// List or machine headers on most of its mail.
    public var bulkHeaders: Double?
    /// A noreply-style address.
    public var noreplyAddress: Double?
    /// Steady mail that is never answered nor written to.
    public var unansweredVolume: Double?

    public init(bulkHeaders: Double? = nil, noreplyAddress: Double? = nil, unansweredVolume: Double? = nil) {
        self.bulkHeaders = bulkHeaders
        self.noreplyAddress = noreplyAddress
        self.unansweredVolume = unansweredVolume
    }

    /// The probabilities of the signs seen, in a fixed order.
    public var seen: [Double] { [bulkHeaders, noreplyAddress, unansweredVolume].compactMap { $0 } }

    enum CodingKeys: String, CodingKey {
        case bulkHeaders = "bulk_headers", noreplyAddress = "noreply_address", unansweredVolume = "unanswered_volume"
    }
}
