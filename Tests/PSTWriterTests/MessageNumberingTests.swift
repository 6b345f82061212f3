import Testing
@testable import PSTWriter

/// Message numbering that keeps libpff's item-tree build linear.
struct MessageNumberingTests {
    let inbox = NID(type: .normalFolder, index: 0x404)
    let sent = NID(type: .normalFolder, index: 0x405)

    @Test func laterFoldersAreNumberedBelowEarlierOnes() throws {
        var numbering = MessageNumbering()
        try numbering.open(inbox)
        try numbering.open(sent)
        let firstInbox = try numbering.index(for: inbox)
        let firstSent = try numbering.index(for: sent)
        let secondInbox = try numbering.index(for: inbox)
        #expect(secondInbox == firstInbox + 1)
        #expect(firstSent + MessageNumbering.rangeSize == firstInbox)
        #expect(numbering.highest == secondInbox + 1)
    }

    @Test func aFullRangeContinuesInAFreshLowerOne() throws {
        var numbering = MessageNumbering()
        try numbering.open(inbox)
        try numbering.open(sent)
        var seen = Set<UInt32>()
        for _ in 0..<(Int(MessageNumbering.rangeSize) + 2) { seen.insert(try numbering.index(for: inbox)) }
        let sentIndex = try numbering.index(for: sent)
        #expect(seen.count == Int(MessageNumbering.rangeSize) + 2)
        #expect(!seen.contains(sentIndex))
        #expect(seen.min()! < sentIndex)
        #expect(seen.allSatisfy { $0 >= MessageNumbering.floor && $0 < MessageNumbering.ceiling })
    }

    @Test func runningOutOfIdentifiersIsAnError() throws {
        var numbering = MessageNumbering()
        let ranges = Int((MessageNumbering.ceiling - MessageNumbering.floor) / MessageNumbering.rangeSize)
        for index in 0..<ranges { try numbering.open(NID(type: .normalFolder, index: 0x500 + UInt32(index))) }
        #expect(throws: NDBError.tooManyMessages) { try numbering.open(inbox) }
    }
}
