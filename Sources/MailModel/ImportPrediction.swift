/// What an import was expected to take, made before it started from the files' sizes and
/// item counts and the store's earlier sessions.
public struct ImportPrediction: Codable, Sendable, Equatable {
    /// Reading and storing, not the analyses after them.
    public var seconds: Double
    /// The peak resident memory of all the import's processes together, in KiB; nil when no
    /// earlier session measured one and no built-in figure applies.
    public var peakRssKb: Int?
    /// Where the rates came from, in words: "the latest 3 sessions of this store with --jobs 1" or the built-in figures.
    public var basis: String

    public init(seconds: Double, peakRssKb: Int?, basis: String) {
        self.seconds = seconds
        self.peakRssKb = peakRssKb
        self.basis = basis
    }

    enum CodingKeys: String, CodingKey {
        case seconds, peakRssKb = "peak_rss_kb", basis
    }
}
