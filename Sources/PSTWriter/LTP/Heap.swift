/// Builds a heap-on-node ([MS-PST] 2.3.1): allocations packed into pages of at most one block
/// each, every page ending with its HNPAGEMAP. HIDs are fixed when allocated, so structures
/// that point at other allocations are built bottom-up.
struct Heap {
    static let maxAllocation = 3580

    let clientSignature: UInt8
    private var pages: [[[UInt8]]] = [[]]
    private var used: [Int] = [0]

    init(clientSignature: UInt8) { self.clientSignature = clientSignature }

    /// HNHDR on page 0, HNBITMAPHDR on pages 8, 136, 264…, HNPAGEHDR elsewhere.
    private static func headerSize(page: Int) -> Int {
        if page == 0 { return 12 }
        return (page - 8) % 128 == 0 && page >= 8 ? 66 : 2
    }

    private static func pageSize(header: Int, allocations: Int, bytes: Int) -> Int {
        let start = (header + bytes + 1) / 2 * 2
        return start + 4 + 2 * (allocations + 1)                    // cAlloc, cFree, rgibAlloc
    }

    /// Places `bytes` (≤ 3,580) and returns its HID: index within the page (1-based) and page.
    mutating func allocate(_ bytes: [UInt8]) -> UInt32 {
        precondition(bytes.count <= Self.maxAllocation)
        var page = pages.count - 1
        let fits = Self.pageSize(header: Self.headerSize(page: page), allocations: pages[page].count + 1,
                                 bytes: used[page] + bytes.count) <= 8176
        if !fits {
            pages.append([])
            used.append(0)
            page += 1
        }
        pages[page].append(bytes)
        used[page] += bytes.count
        return UInt32(pages[page].count) << 5 | UInt32(page) << 16
    }

    /// The pages, page 0 carrying `userRoot` in its HNHDR.
    func serialized(userRoot: UInt32) -> [[UInt8]] {
        pages.enumerated().map { index, allocations in
            let header = Self.headerSize(page: index)
            var page = [UInt8](repeating: 0, count: header)
            var offsets: [UInt16] = []
            for allocation in allocations {
                offsets.append(UInt16(page.count))
                page.append(contentsOf: allocation)
            }
            offsets.append(UInt16(page.count))
            if page.count % 2 == 1 { page.append(0) }
            let map = UInt16(page.count)
            page.put(le: map, at: 0)                                // ibHnpm
            if index == 0 {
                page[2] = 0xEC                                      // bSig
                page[3] = clientSignature                           // bClientSig
                page.put(le: userRoot, at: 4)                       // hidUserRoot
            }
            page.append(le: UInt16(allocations.count))              // HNPAGEMAP.cAlloc
            page.append(le: UInt16(0))                              // cFree
            for offset in offsets { page.append(le: offset) }       // rgibAlloc
            return page
        }
    }
}

/// A BTree-on-heap ([MS-PST] 2.3.2): sorted records in leaf allocations, index levels above.
enum BTreeOnHeap {
    /// Returns the HID of the BTHHEADER. `records` are sorted by key.
    static func build(in heap: inout Heap, keySize: Int, dataSize: Int, records: [[UInt8]]) -> UInt32 {
        var levels = 0
        var root: UInt32 = 0
        if !records.isEmpty {
            var level = records
            var size = keySize + dataSize
            while true {
                let perAllocation = Heap.maxAllocation / size
                var parents: [[UInt8]] = []
                for start in stride(from: 0, to: level.count, by: perAllocation) {
                    let chunk = level[start..<min(start + perAllocation, level.count)]
                    let hid = heap.allocate(chunk.flatMap { $0 })
                    var parent = Array(chunk.first!.prefix(keySize))    // key of the first record
                    parent.append(le: hid)                              // hidNextLevel
                    parents.append(parent)
                    root = hid
                }
                if parents.count == 1 { break }
                level = parents
                size = keySize + 4
                levels += 1
            }
        }
        var header: [UInt8] = [0xB5, UInt8(keySize), UInt8(dataSize), UInt8(levels)]  // bType, cbKey, cbEnt, bIdxLevels
        header.append(le: root)                                         // hidRoot
        return heap.allocate(header)
    }
}
