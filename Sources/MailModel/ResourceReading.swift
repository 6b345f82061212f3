/// Resident memory and CPU of the importing processes together, and free space beside the store:
/// what the monitor samples, and what each batch stores of the moment it was handed over.
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
