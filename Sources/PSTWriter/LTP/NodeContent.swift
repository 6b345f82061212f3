/// What an LTP structure becomes in the node database: its data tree and the subnodes it
/// needs (values too large for the heap, a table's row matrix).
struct NodeContent {
    var data: UInt64
    var subnodes: [(nid: UInt32, data: UInt64, sub: UInt64)] = []
}

/// Allocates subnode NIDs within one node (unique only inside their parent, [MS-PST] 2.2.2.8.3.3).
struct SubnodeNIDs {
    private var next: UInt32 = 1

    mutating func make(_ type: NIDType) -> UInt32 {
        defer { next += 1 }
        return NID(type: type, index: next).rawValue
    }
}

extension NodeDatabase {
    /// Stores a heap's pages: one block each, under an XBLOCK when there are several.
    func write(_ heap: Heap, userRoot: UInt32) throws(NDBError) -> UInt64 {
        var pieces: [(bid: UInt64, size: Int)] = []
        for page in heap.serialized(userRoot: userRoot) {
            pieces.append((try writeBlock(page), page.count))
        }
        return try writeTree(pieces)
    }
}
