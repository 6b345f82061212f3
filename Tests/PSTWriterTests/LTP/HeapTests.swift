import Testing
@testable import PSTWriter

/// The heap-on-node and the BTree-on-heap read back by a reader written from [MS-PST] 2.3.1 and
/// 2.3.2 in this file, not by the writer's own code.
struct HeapTests {
    /// A HID ([MS-PST] 2.3.1.1): hidType 5 bits (0), hidIndex 11 bits (1-based), hidBlockIndex 16 bits.
    static func allocation(_ hid: UInt32, in pages: [[UInt8]]) throws -> [UInt8] {
        #expect(hid & 0x1F == 0)
        let page = try #require(pages.indices.contains(Int(hid >> 16)) ? pages[Int(hid >> 16)] : nil)
        let index = Int(hid >> 5 & 0x7FF)
        let map = Int(word(page, 0))                                         // ibHnpm
        let count = Int(word(page, map))                                     // HNPAGEMAP.cAlloc
        try #require(index >= 1 && index <= count)
        let start = Int(word(page, map + 4 + 2 * (index - 1))), end = Int(word(page, map + 4 + 2 * index))
        return Array(page[start..<end])
    }

    static func word(_ bytes: [UInt8], _ offset: Int) -> UInt16 { UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8 }
    static func dword(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }

    @Test func firstPageCarriesTheHeaderAndEveryAllocation() throws {
        var heap = Heap(clientSignature: 0xBC)
        let values: [[UInt8]] = [[1, 2, 3], [], Array(repeating: 0xAA, count: 100), [9]]
        let hids = values.map { heap.allocate($0) }
        let pages = heap.serialized(userRoot: hids[2])
        #expect(pages.count == 1)
        let page = pages[0]
        #expect(page[2] == 0xEC && page[3] == 0xBC)                          // bSig, bClientSig
        #expect(Self.dword(page, 4) == hids[2])                              // hidUserRoot
        #expect(Int(Self.word(page, 0)) % 2 == 0)                            // ibHnpm is 2-byte aligned
        #expect(Self.word(page, Int(Self.word(page, 0)) + 2) == 0)           // cFree
        for (hid, value) in zip(hids, values) { #expect(try Self.allocation(hid, in: pages) == value) }
        #expect(Set(hids).count == hids.count)
    }

    @Test func fullPagesSpillIntoNewOnesWithTheirOwnHeaders() throws {
        var heap = Heap(clientSignature: 0x7C)
        let values = (0..<400).map { index in [UInt8](repeating: UInt8(index % 251), count: 3_000 + index % 7) }
        let hids = values.map { heap.allocate($0) }
        let pages = heap.serialized(userRoot: 0)
        #expect(pages.count > 100)
        // A page is one data block: at most 8,176 bytes (8 KiB less the block trailer, 2.2.2.8).
        #expect(pages.allSatisfy { $0.count <= 8_176 })
        for (hid, value) in zip(hids, values) { #expect(try Self.allocation(hid, in: pages) == value) }
        // Page 1 starts with a 2-byte HNPAGEHDR; pages 8, 136, … with a 66-byte HNBITMAPHDR.
        let firstOnPage = { (page: Int) in hids.first { Int($0 >> 16) == page }! }
        let offsetOfFirst = { (page: Int) in Int(Self.word(pages[page], Int(Self.word(pages[page], 0)) + 4)) }
        #expect(offsetOfFirst(1) == 2 && offsetOfFirst(8) == 66 && offsetOfFirst(9) == 2)
        #expect(try Self.allocation(firstOnPage(8), in: pages) == values[hids.firstIndex(of: firstOnPage(8))!])
    }

    @Test func bTreeOnHeapHeaderAndLevels() throws {
        for count in [0, 3, 1_000] {
            var heap = Heap(clientSignature: 0xBC)
            let records = (0..<count).map { index -> [UInt8] in
                [UInt8(index & 0xFF), UInt8(index >> 8)] + [UInt8](repeating: UInt8(index % 256), count: 6)
            }
            let header = try Self.allocation(BTreeOnHeap.build(in: &heap, keySize: 2, dataSize: 6, records: records),
                                             in: heap.serialized(userRoot: 0))
            let pages = heap.serialized(userRoot: 0)
            // BTHHEADER (2.3.2.1): bType 0xB5, cbKey, cbEnt, bIdxLevels, hidRoot.
            #expect(Array(header[0..<3]) == [0xB5, 2, 6])
            let levels = Int(header[3]), root = Self.dword(header, 4)
            if count == 0 { #expect(root == 0); continue }
            // Walk down from the root: index records are (key, hidNextLevel); leaves hold the records.
            var level = [root]
            for _ in 0..<levels {
                level = try level.flatMap { hid in
                    let bytes = try Self.allocation(hid, in: pages)
                    return stride(from: 0, to: bytes.count, by: 6).map { Self.dword(bytes, $0 + 2) }
                }
            }
            let leaves = try level.flatMap { try Self.allocation($0, in: pages) }
            #expect(leaves == records.flatMap { $0 })
            #expect(levels == (count > Heap.maxAllocation / 8 ? 1 : 0))
        }
    }
}
