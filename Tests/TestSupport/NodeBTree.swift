import Foundation

/// The leaf entries of a Unicode PST's node B-tree, read straight from the file's bytes
/// ([MS-PST] 2.2.2.6 HEADER, 2.2.2.7.7 BTPAGE, 2.2.2.7.7.4 NBTENTRY), with no code of the
/// writer's or libpff's: tests use it to see the node ids a file really holds.
public struct NodeBTree {
    public struct Entry: Equatable, Sendable {
        public var nid: UInt32
        public var parent: UInt32
        /// NID_TYPE: the low five bits.
        public var type: UInt32 { nid & 0x1F }
        public var index: UInt32 { nid >> 5 }
    }

    public let entries: [Entry]
    /// The header's rgnid: the next free index of each node type.
    public let nextIndex: [UInt32]

    public init(path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        func u32(_ at: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(bytes[at + $1]) << (8 * $1) } }
        func u64(_ at: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(bytes[at + $1]) << (8 * $1) } }
        guard bytes.count >= 564, bytes[0..<4] == [0x21, 0x42, 0x44, 0x4E], u32(0x0A) & 0xFFFF >= 23 else {
            throw Problem.notUnicodePST
        }
        nextIndex = (0..<32).map { u32(0x2C + 4 * $0) }
        // ROOT at 0xB4; its BREFNBT is at +0x24: the block id, then the page's offset.
        var entries: [Entry] = []
        var pages = [Int(u64(0xB4 + 0x24 + 8))]
        while let page = pages.popLast() {
            guard page >= 0, page + 512 <= bytes.count, bytes[page + 496] == 0x81 else { throw Problem.badPage(page) }
            let count = Int(bytes[page + 488]), size = Int(bytes[page + 490]), level = bytes[page + 491]
            for entry in 0..<count {
                let at = page + entry * size
                if level > 0 {
                    pages.append(Int(u64(at + 16)))                 // BTENTRY: key, then BREF (bid, ib)
                } else {
                    entries.append(Entry(nid: u32(at), parent: u32(at + 24)))
                }
            }
        }
        self.entries = entries.sorted { $0.nid < $1.nid }
    }

    public enum Problem: Error {
        case notUnicodePST
        case badPage(Int)
    }
}
