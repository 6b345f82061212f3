import Foundation
@testable import Synth

/// What disks, copies and interrupted writes do to a PST, applied where a seeded generator says:
/// the same damaged bytes on every run (the empty file is BadInputTests' own). Half of the page
/// damage is aimed at B-tree pages (found by their trailers), and half of that gets its checksum
/// recomputed, so that libpff trusts the damage and walks into it instead of stopping at the
/// first CRC mismatch.
enum FileDamage: String, CaseIterable, Sendable {
    case bitFlips = "bit-flips"
    case zeroedPages = "zeroed-pages"
    case tornHeader = "torn-header"
    case truncated
    case duplicatedPages = "duplicated-pages"
    case shuffledPages = "shuffled-pages"
    case garbage

    static let page = 512

    /// `original` damaged. Much of a PST is unused zeroed space, where damage changes nothing:
    /// such a draw is replaced by the next one.
    func apply(to original: [UInt8], _ rng: inout SeededRandom) -> [UInt8] {
        guard original.count >= 2 * Self.page else { return Array(original.prefix(original.count / 2)) }
        var layout = PageLayout(original)
        for _ in 0..<16 {
            var bytes = original
            damage(&bytes, &layout, &rng)
            if bytes != original { return bytes }
        }
        return Array(original.prefix(original.count / 2))
    }

    private func damage(_ bytes: inout [UInt8], _ layout: inout PageLayout, _ rng: inout SeededRandom) {
        let page = Self.page
        switch self {
        case .bitFlips:
            let (pages, targeted) = layout.choosePages(rng.int(in: 1...4), &rng)
            for _ in 0..<rng.int(in: 1...32) {
                let offset = targeted ? rng.pick(pages) + rng.below(layout.trailer) : rng.below(bytes.count)
                bytes[offset] ^= 1 << rng.below(8)
            }
            if targeted && rng.chance(0.5) { Set(pages).forEach { layout.fixCRC(&bytes, page: $0) } }
        case .zeroedPages:
            for start in layout.choosePages(rng.int(in: 1...8), &rng).pages {
                bytes.replaceSubrange(start..<start + page, with: repeatElement(0, count: page))
            }
        case .tornHeader:
            // Most tears keep the !BDN magic, so that the damage reaches what follows it.
            let start = rng.chance(0.25) ? rng.below(page) : rng.int(in: 8...(page - 1))
            let length = rng.int(in: 1...(page - start))
            let filler = rng.chance(1.0 / 3) ? [UInt8](repeating: 0, count: length) : rng.bytes(length)
            bytes.replaceSubrange(start..<start + length, with: filler)
            if rng.chance(0.5) { layout.fixHeaderCRCs(&bytes) }
        case .truncated:
            var cut = rng.int(in: 1...(bytes.count - 1))
            if rng.chance(1.0 / 3) { cut = max(page, cut - cut % page) }
            bytes.removeSubrange(cut...)
        case .duplicatedPages:
            for _ in 0..<rng.int(in: 1...4) {
                if !layout.btreePages.isEmpty && rng.chance(0.5) {
                    // Data, ptype and ptypeRepeat travel; the target keeps its wSig and bid, so
                    // the copy passes the page checks and the tree points where it should not.
                    let (source, target) = (rng.pick(layout.btreePages), rng.pick(layout.btreePages))
                    bytes.replaceSubrange(target..<target + layout.trailer + 2,
                                          with: bytes[source..<source + layout.trailer + 2])
                    layout.fixCRC(&bytes, page: target)
                } else {
                    let pages = bytes.count / page
                    let (source, target) = (rng.below(pages) * page, rng.below(pages) * page)
                    bytes.replaceSubrange(target..<target + page, with: bytes[source..<source + page])
                }
            }
        case .shuffledPages:
            let pages = bytes.count / page
            let run = min(pages, rng.int(in: 2...16))
            let first = rng.below(pages - run + 1)
            var order = Array(0..<run)
            rng.shuffle(&order)
            let chunks = order.map { Array(bytes[(first + $0) * page..<(first + $0 + 1) * page]) }
            bytes.replaceSubrange(first * page..<(first + run) * page, with: chunks.joined())
        case .garbage:
            for _ in 0..<rng.int(in: 1...3) {
                let start = rng.below(bytes.count)
                let length = min(rng.int(in: 16...8192), bytes.count - start)
                bytes.replaceSubrange(start..<start + length, with: rng.bytes(length))
            }
        }
    }
}

/// Where a PST's pages and checksums are (MS-PST 2.2.2.6 HEADER, 2.2.2.7 PAGETRAILER).
private struct PageLayout {
    let unicode: Bool
    /// Offset of the PAGETRAILER in a page: its last 16 bytes (Unicode) or 12 (ANSI).
    let trailer: Int
    /// Pages whose trailer says ptypeBBT or ptypeNBT.
    let btreePages: [Int]
    let pageCount: Int

    init(_ bytes: [UInt8]) {
        // HEADER wVer: 14 or 15 ANSI, 23 and up Unicode.
        unicode = bytes.count >= 12 && Int(bytes[10]) | Int(bytes[11]) << 8 >= 23
        trailer = FileDamage.page - (unicode ? 16 : 12)
        pageCount = bytes.count / FileDamage.page
        btreePages = stride(from: 0, to: pageCount * FileDamage.page, by: FileDamage.page).filter { [trailer] start in
            let type = bytes[start + trailer]
            return type == bytes[start + trailer + 1] && (type == 0x80 || type == 0x81)
        }
    }

    /// `count` page offsets: B-tree pages half the time (when there are any), else any but the header's.
    func choosePages(_ count: Int, _ rng: inout SeededRandom) -> (pages: [Int], targeted: Bool) {
        let targeted = !btreePages.isEmpty && rng.chance(0.5)
        let pages = (0..<count).map { _ in
            targeted ? rng.pick(btreePages) : rng.int(in: 1...max(1, pageCount - 1)) * FileDamage.page
        }
        return (pages.filter { $0 + FileDamage.page <= pageCount * FileDamage.page }, targeted)
    }

    /// The page's dwCRC made to match its (damaged) contents again.
    func fixCRC(_ bytes: inout [UInt8], page start: Int) {
        let crc = MSPSTCRC.of(bytes[start..<start + trailer])
        Self.store(crc, in: &bytes, at: start + trailer + (unicode ? 4 : 8))
    }

    /// HEADER dwCRCPartial (471 bytes from offset 8) and, Unicode, dwCRCFull (516 bytes).
    func fixHeaderCRCs(_ bytes: inout [UInt8]) {
        Self.store(MSPSTCRC.of(bytes[8..<8 + 471]), in: &bytes, at: 4)
        if unicode { Self.store(MSPSTCRC.of(bytes[8..<8 + 516]), in: &bytes, at: 0x20C) }
    }

    private static func store(_ value: UInt32, in bytes: inout [UInt8], at offset: Int) {
        for i in 0..<4 { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * i)) }
    }
}

/// MS-PST 5.3: CRC-32 with the reflected polynomial 0xEDB88320, starting at 0, no final inversion.
private enum MSPSTCRC {
    static let table: [UInt32] = (0..<256).map { index in
        (0..<8).reduce(UInt32(index)) { crc, _ in crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }

    static func of(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.reduce(0) { crc, byte in table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
    }
}
