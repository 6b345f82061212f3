/// Writes the node database layer of a Unicode PST ([MS-PST] 2.2): data blocks and their
/// trees, subnode trees, and at the end the node and block B-trees, the allocation maps,
/// the density list and the header. Blocks are written as they are made, so memory holds
/// only one B-tree entry per block and per node.
final class NodeDatabase {
    struct BlockEntry { var bid: UInt64; var ib: UInt64; var cb: UInt16 }
    struct NodeEntry { var nid: UInt32; var bidData: UInt64; var bidSub: UInt64; var parent: UInt32 }

    let encrypted: Bool
    private let output: FileOutput
    private var position: UInt64
    private var nextBlock: UInt64 = 1
    private var nextPage: UInt64 = 1
    private var blocks: [BlockEntry] = []
    private var nodes: [NodeEntry] = []
    /// Byte ranges inside data sections that were skipped (alignment, section ends).
    private var gaps: [(start: UInt64, end: UInt64)] = []

    init(path: String, encrypted: Bool) throws(NDBError) {
        self.encrypted = encrypted
        output = try FileOutput(path: path, startingAt: Layout.firstSection)
        position = Layout.dataStart(ofSection: 0)
    }

    // MARK: Allocation

    /// Reserves `size` bytes aligned to `alignment`, never across a section boundary or over
    /// a map page; what is skipped is recorded as free.
    private func allocate(_ size: UInt64, alignment: UInt64) -> UInt64 {
        var start = Layout.roundUp(position, to: alignment)
        while true {
            let section = Layout.section(of: start)
            let sectionEnd = Layout.firstSection + (section + 1) * Layout.sectionSize
            let dataStart = Layout.dataStart(ofSection: section)
            if start < dataStart {
                start = Layout.roundUp(dataStart, to: alignment)
            } else if start + size > sectionEnd {
                start = sectionEnd
            } else {
                break
            }
        }
        if start > position { gaps.append((position, start)) }
        position = start + size
        return start
    }

    // MARK: Blocks

    private func newBID(isInternal: Bool) -> UInt64 {
        defer { nextBlock += 1 }
        return nextBlock << 2 | (isInternal ? 2 : 0)
    }

    /// Writes one block ([MS-PST] 2.2.2.8): data, padding, BLOCKTRAILER. External blocks are
    /// encrypted when the file is.
    func writeBlock(_ data: [UInt8], isInternal: Bool = false) throws(NDBError) -> UInt64 {
        guard data.count <= Layout.maxBlockData else { throw .blockTooLarge(data.count) }
        var stored = data
        if encrypted && !isInternal { Permute.encrypt(&stored) }
        let bid = newBID(isInternal: isInternal)
        let size = Layout.roundUp(UInt64(data.count + Layout.blockTrailer), to: Layout.slot)
        let ib = allocate(size, alignment: Layout.slot)
        var block = stored
        block.append(contentsOf: repeatElement(0, count: Int(size) - data.count - Layout.blockTrailer))
        block.append(le: UInt16(data.count))                       // cb
        block.append(le: signature(ib: ib, bid: bid))              // wSig
        block.append(le: CRC.compute(stored))                      // dwCRC
        block.append(le: bid)                                      // bid
        try output.append(block, at: ib)
        blocks.append(BlockEntry(bid: bid, ib: ib, cb: UInt16(data.count)))
        return bid
    }

    /// Stores `data` as a data tree: one block, or blocks under an XBLOCK / XXBLOCK.
    func writeData(_ data: [UInt8]) throws(NDBError) -> UInt64 {
        if data.count <= Layout.maxBlockData { return try writeBlock(data) }
        var pieces: [(bid: UInt64, size: Int)] = []
        var offset = 0
        while offset < data.count {
            let end = min(offset + Layout.maxBlockData, data.count)
            pieces.append((try writeBlock(Array(data[offset..<end])), end - offset))
            offset = end
        }
        return try writeTree(pieces)
    }

    /// The XBLOCK (or XXBLOCK of XBLOCKs) over blocks already written ([MS-PST] 2.2.2.8.3.2).
    func writeTree(_ pieces: [(bid: UInt64, size: Int)]) throws(NDBError) -> UInt64 {
        if pieces.count == 1 { return pieces[0].bid }
        let perBlock = (Layout.maxBlockData - 8) / 8
        func xblock(level: UInt8, _ children: ArraySlice<(bid: UInt64, size: Int)>) throws(NDBError) -> (UInt64, Int) {
            let total = children.reduce(0) { $0 + $1.size }
            var block: [UInt8] = [0x01, level]                      // btype, cLevel
            block.append(le: UInt16(children.count))                // cEnt
            block.append(le: UInt32(total))                         // lcbTotal
            for child in children { block.append(le: child.bid) }   // rgbid
            return (try writeBlock(block, isInternal: true), total)
        }
        var level1: [(bid: UInt64, size: Int)] = []
        for start in stride(from: 0, to: pieces.count, by: perBlock) {
            let (bid, size) = try xblock(level: 1, pieces[start..<min(start + perBlock, pieces.count)])
            level1.append((bid, size))
        }
        if level1.count == 1 { return level1[0].bid }
        guard level1.count <= perBlock else { throw .tooManyBlocks(pieces.count) }
        return try xblock(level: 2, level1[...]).0
    }

    /// A subnode B-tree ([MS-PST] 2.2.2.8.3.3): SLBLOCKs, under an SIBLOCK when one is not enough.
    func writeSubnodes(_ entries: [(nid: UInt32, data: UInt64, sub: UInt64)]) throws(NDBError) -> UInt64 {
        guard !entries.isEmpty else { return 0 }
        let sorted = entries.sorted { $0.nid < $1.nid }
        let perLeaf = (Layout.maxBlockData - 8) / 24
        var leaves: [(nid: UInt32, bid: UInt64)] = []
        for start in stride(from: 0, to: sorted.count, by: perLeaf) {
            let slice = sorted[start..<min(start + perLeaf, sorted.count)]
            var block: [UInt8] = [0x02, 0]                          // btype, cLevel 0
            block.append(le: UInt16(slice.count))
            block.append(le: UInt32(0))                             // dwPadding
            for entry in slice {
                block.append(le: UInt64(entry.nid))                 // SLENTRY.nid
                block.append(le: entry.data)                        // bidData
                block.append(le: entry.sub)                         // bidSub
            }
            leaves.append((slice.first!.nid, try writeBlock(block, isInternal: true)))
        }
        if leaves.count == 1 { return leaves[0].bid }
        var block: [UInt8] = [0x02, 1]                              // SIBLOCK
        block.append(le: UInt16(leaves.count))
        block.append(le: UInt32(0))
        for leaf in leaves {
            block.append(le: UInt64(leaf.nid))                      // SIENTRY.nid
            block.append(le: leaf.bid)                              // bid of the SLBLOCK
        }
        return try writeBlock(block, isInternal: true)
    }

    func addNode(_ nid: NID, data: UInt64, subnodes: UInt64 = 0, parent: NID = NID(0)) {
        nodes.append(NodeEntry(nid: nid.rawValue, bidData: data, bidSub: subnodes, parent: parent.rawValue))
    }

    // MARK: Finish

    struct HeaderFields {
        var rgnid: [UInt32]
        var unique: UInt32
    }

    /// Writes the B-trees, pads the file to a whole section, writes every map page, the
    /// density list and finally the header, then syncs.
    func finish(_ fields: HeaderFields) throws(NDBError) {
        nodes.sort { $0.nid < $1.nid }
        let nodeRoot = try writeBTree(ptype: 0x81, leafSize: 32, count: nodes.count) { index, page, offset in
            let node = nodes[index]
            page.put(le: UInt64(node.nid), at: offset)                  // NBTENTRY.nid
            page.put(le: node.bidData, at: offset + 8)                  // bidData
            page.put(le: node.bidSub, at: offset + 16)                  // bidSub
            page.put(le: node.parent, at: offset + 24)                  // nidParent
            return UInt64(node.nid)
        }
        // Blocks were numbered in the order they were written: already sorted by BID.
        let blockRoot = try writeBTree(ptype: 0x80, leafSize: 24, count: blocks.count) { index, page, offset in
            let block = blocks[index]
            page.put(le: block.bid, at: offset)                         // BBTENTRY.BREF.bid
            page.put(le: block.ib, at: offset + 8)                      // BREF.ib
            page.put(le: block.cb, at: offset + 16)                     // cb
            page.put(le: UInt16(2), at: offset + 18)                    // cRef: the B-tree and its user
            return block.bid
        }
        // The file ends with its last section, as Outlook writes it.
        let sections = Layout.section(of: max(position, Layout.firstSection + 1) - 1) + 1
        let fileEnd = Layout.firstSection + sections * Layout.sectionSize
        // Data that ends exactly at a section's end already reaches the file's end.
        if position < fileEnd {
            gaps.append((position, fileEnd))
            try output.append([0], at: fileEnd - 1)
        }
        let freeBytes = try writeMaps(sections: sections)
        try writeDensityList()
        try writeHeader(fields, fileEnd: fileEnd, lastAMap: Layout.offset(of: .aMap, inSection: sections - 1),
                        freeBytes: freeBytes, nodeRoot: nodeRoot, blockRoot: blockRoot)
        try output.synchronize()
    }

    /// Builds a B-tree bottom-up from `count` sorted leaf entries ([MS-PST] 2.2.2.7.7):
    /// `encode` writes entry `index` into a page at an offset and returns its key. Leaves are
    /// encoded straight into their pages; only the level above is kept, as (key, bid, ib).
    private func writeBTree(
        ptype: UInt8, leafSize: Int, count: Int, encode: (Int, inout [UInt8], Int) -> UInt64
    ) throws(NDBError) -> (bid: UInt64, ib: UInt64) {
        var level: [(key: UInt64, bid: UInt64, ib: UInt64)] = []
        let perLeaf = 488 / leafSize
        for start in stride(from: 0, to: max(count, 1), by: perLeaf) {
            var page = [UInt8](repeating: 0, count: 512)
            var firstKey: UInt64 = 0
            let end = min(start + perLeaf, count)
            for index in start..<end {
                let key = encode(index, &page, (index - start) * leafSize)
                if index == start { firstKey = key }
            }
            let (bid, ib) = try writeBTreePage(&page, ptype: ptype, entries: end - start, perPage: perLeaf,
                                               entrySize: leafSize, level: 0)
            level.append((firstKey, bid, ib))
        }
        var depth: UInt8 = 1
        while level.count > 1 {
            let perPage = 488 / 24
            var parents: [(key: UInt64, bid: UInt64, ib: UInt64)] = []
            for start in stride(from: 0, to: level.count, by: perPage) {
                let chunk = level[start..<min(start + perPage, level.count)]
                var page = [UInt8](repeating: 0, count: 512)
                for (offset, child) in chunk.enumerated() {
                    page.put(le: child.key, at: offset * 24)            // BTENTRY.btkey
                    page.put(le: child.bid, at: offset * 24 + 8)        // BREF.bid
                    page.put(le: child.ib, at: offset * 24 + 16)        // BREF.ib
                }
                let (bid, ib) = try writeBTreePage(&page, ptype: ptype, entries: chunk.count, perPage: perPage,
                                                   entrySize: 24, level: depth)
                parents.append((chunk.first!.key, bid, ib))
            }
            level = parents
            depth += 1
        }
        return (level[0].bid, level[0].ib)
    }

    private func writeBTreePage(
        _ page: inout [UInt8], ptype: UInt8, entries: Int, perPage: Int, entrySize: Int, level: UInt8
    ) throws(NDBError) -> (UInt64, UInt64) {
        page[488] = UInt8(entries)                                      // cEnt
        page[489] = UInt8(perPage)                                      // cEntMax
        page[490] = UInt8(entrySize)                                    // cbEnt
        page[491] = level                                               // cLevel
        return try writePage(&page, ptype: ptype)
    }

    /// Writes a B-tree or density-list page with its PAGETRAILER; returns (bid, ib).
    private func writePage(_ page: inout [UInt8], ptype: UInt8, at fixed: UInt64? = nil) throws(NDBError)
        -> (UInt64, UInt64)
    {
        let bid = nextPage
        nextPage += 1
        let ib = fixed ?? allocate(Layout.pageSize, alignment: Layout.pageSize)
        page[496] = ptype
        page[497] = ptype                                           // ptypeRepeat
        page.put(le: signature(ib: ib, bid: bid), at: 498)          // wSig
        page.put(le: CRC.compute(page[0..<496]), at: 500)           // dwCRC
        page.put(le: bid, at: 504)                                  // bid
        if let fixed { try output.write(page, at: fixed) } else { try output.append(page, at: ib) }
        return (bid, ib)
    }

    /// AMaps from the allocations; PMaps, FMaps and FPMaps as Outlook leaves them (all bits
    /// set: nothing to find there). Returns the free bytes the AMaps show.
    private func writeMaps(sections: UInt64) throws(NDBError) -> UInt64 {
        var freeSlots: UInt64 = 0
        var gapIndex = 0
        let sortedGaps = gaps.sorted { $0.start < $1.start }
        for section in 0..<sections {
            let start = Layout.firstSection + section * Layout.sectionSize
            var bits = [UInt8](repeating: 0xFF, count: 496)
            // Free: the gaps in this section (map pages and blocks are allocated).
            while gapIndex < sortedGaps.count && sortedGaps[gapIndex].end <= start { gapIndex += 1 }
            var index = gapIndex
            while index < sortedGaps.count && sortedGaps[index].start < start + Layout.sectionSize {
                let from = max(sortedGaps[index].start, start)
                let to = min(sortedGaps[index].end, start + Layout.sectionSize)
                var slot = (from - start) / Layout.slot
                while slot * Layout.slot + start < to {
                    bits[Int(slot / 8)] &= ~(0x80 >> UInt8(slot % 8))
                    freeSlots += 1
                    slot += 1
                }
                index += 1
            }
            for page in Layout.mapPages(inSection: section) {
                var data = page == .aMap ? bits : [UInt8](repeating: 0xFF, count: 496)
                let ptype: UInt8 = switch page {
                case .aMap: 0x84
                case .pMap: 0x83
                case .fMap: 0x82
                case .fpMap: 0x85
                }
                let ib = Layout.offset(of: page, inSection: section)
                data.append(contentsOf: [ptype, ptype])
                data.append(le: UInt16(0))                          // wSig: 0 for map pages
                data.append(le: CRC.compute(data[0..<496]))
                data.append(le: ib)                                 // bid: the page's own offset
                try output.write(data, at: ib)
            }
        }
        return freeSlots * Layout.slot
    }

    /// An empty density list ([MS-PST] 2.2.2.7.4): valid, so readers need not rebuild it.
    private func writeDensityList() throws(NDBError) {
        var page = [UInt8](repeating: 0, count: 512)
        _ = try writePage(&page, ptype: 0x86, at: Layout.densityListOffset)
    }

    private func writeHeader(
        _ fields: HeaderFields, fileEnd: UInt64, lastAMap: UInt64, freeBytes: UInt64,
        nodeRoot: (bid: UInt64, ib: UInt64), blockRoot: (bid: UInt64, ib: UInt64)
    ) throws(NDBError) {
        var h: [UInt8] = []
        h.append(contentsOf: [0x21, 0x42, 0x44, 0x4E])              // dwMagic "!BDN"
        h.append(le: UInt32(0))                                     // dwCRCPartial (below)
        h.append(contentsOf: [0x53, 0x4D])                          // wMagicClient "SM"
        h.append(le: UInt16(23))                                    // wVer: Unicode
        h.append(le: UInt16(19))                                    // wVerClient
        h.append(contentsOf: [0x01, 0x01])                          // bPlatformCreate, bPlatformAccess
        h.append(le: UInt32(0))                                     // dwReserved1
        h.append(le: UInt32(0))                                     // dwReserved2
        h.append(le: UInt64(0))                                     // bidUnused
        h.append(le: nextPage)                                      // bidNextP
        h.append(le: fields.unique)                                 // dwUnique
        for counter in fields.rgnid { h.append(le: counter) }       // rgnid[32]
        h.append(le: UInt64(0))                                     // qwUnused
        h.append(le: UInt32(0))                                     // ROOT.dwReserved
        h.append(le: fileEnd)                                       // ROOT.ibFileEof
        h.append(le: lastAMap)                                      // ROOT.ibAMapLast
        h.append(le: freeBytes)                                     // ROOT.cbAMapFree
        h.append(le: UInt64(0))                                     // ROOT.cbPMapFree
        h.append(le: nodeRoot.bid)                                  // ROOT.BREFNBT
        h.append(le: nodeRoot.ib)
        h.append(le: blockRoot.bid)                                 // ROOT.BREFBBT
        h.append(le: blockRoot.ib)
        h.append(contentsOf: [0x02, 0])                             // fAMapValid VALID_AMAP2, bReserved
        h.append(le: UInt16(0))                                     // wReserved
        h.append(le: UInt32(0))                                     // dwAlign
        h.append(contentsOf: repeatElement(0xFF, count: 128))       // rgbFM
        h.append(contentsOf: repeatElement(0xFF, count: 128))       // rgbFP
        h.append(0x80)                                              // bSentinel
        h.append(encrypted ? 0x01 : 0x00)                           // bCryptMethod
        h.append(contentsOf: [0, 0])                                // rgbReserved
        h.append(le: nextBlock << 2)                                // bidNextB
        h.append(le: UInt32(0))                                     // dwCRCFull (below)
        h.append(contentsOf: repeatElement(0, count: 36))           // rgbReserved2, bReserved, rgbReserved3
        precondition(h.count == Layout.headerSize)
        h.put(le: CRC.compute(h[8..<(8 + 471)]), at: 4)
        h.put(le: CRC.compute(h[8..<(8 + 516)]), at: 524)
        try output.write(h, at: 0)
    }
}
