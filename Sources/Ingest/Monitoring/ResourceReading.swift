import Store

/// Resident memory and CPU of the importing processes together, and free space beside the store.
public struct ResourceReading: Sendable, Equatable {
    public var rssKB: Int
    public var cpuPercent: Double
    public var diskFreeMB: Int?

    public init(rssKB: Int, cpuPercent: Double, diskFreeMB: Int?) {
        self.rssKB = rssKB
        self.cpuPercent = cpuPercent
        self.diskFreeMB = diskFreeMB
    }
}

extension ResourceReading {
    /// As the batch that was handed over with it stores it.
    var stored: BatchResources { BatchResources(rssKB: rssKB, cpuPercent: cpuPercent, diskFreeMB: diskFreeMB) }

    init(_ stored: BatchResources) {
        self.init(rssKB: stored.rssKB, cpuPercent: stored.cpuPercent, diskFreeMB: stored.diskFreeMB)
    }
}
