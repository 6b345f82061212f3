/// Where things go in a Unicode PST ([MS-PST] 1.3.2, 2.2.2.7): the header, the DList page,
/// then data sections of 253,952 bytes, each opening with its AMap page, and — at the
/// intervals the format fixes — a PMap, an FMap and an FPMap page right after it.
enum Layout {
    static let headerSize = 564
    static let densityListOffset: UInt64 = 0x4200
    static let firstSection: UInt64 = 0x4400
    static let sectionSize: UInt64 = 253_952          // 496 bytes × 8 bits × 64 bytes
    static let pageSize: UInt64 = 512
    static let slot: UInt64 = 64
    static let maxBlockData = 8176                   // 8 KiB less the block trailer
    static let blockTrailer = 16

    /// PMaps sit after every 8th AMap; FMaps after AMap 128 and every 496th after it; FPMaps
    /// after AMap 8,192 and every 31,744th after it (the header holds the first 128 of each).
    enum MapPage: CaseIterable { case aMap, pMap, fMap, fpMap }

    static func mapPages(inSection index: UInt64) -> [MapPage] {
        var pages: [MapPage] = [.aMap]
        if index % 8 == 0 { pages.append(.pMap) }
        if index >= 128 && (index - 128) % 496 == 0 { pages.append(.fMap) }
        if index >= 8192 && (index - 8192) % 31744 == 0 { pages.append(.fpMap) }
        return pages
    }

    static func offset(of page: MapPage, inSection index: UInt64) -> UInt64 {
        let start = firstSection + index * sectionSize
        switch page {
        case .aMap: return start
        case .pMap: return start + 0x200
        case .fMap: return start + 0x400
        case .fpMap: return start + 0x600
        }
    }

    static func section(of offset: UInt64) -> UInt64 { (offset - firstSection) / sectionSize }

    /// The first free byte of a section after its map pages.
    static func dataStart(ofSection index: UInt64) -> UInt64 {
        mapPages(inSection: index).map { offset(of: $0, inSection: index) + pageSize }.max()!
    }

    static func roundUp(_ value: UInt64, to multiple: UInt64) -> UInt64 {
        (value + multiple - 1) / multiple * multiple
    }
}
