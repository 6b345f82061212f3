import Testing
@testable import PSTWriter

/// Node and block identifiers against the values [MS-PST] 2.2.2.1, 2.2.2.2 and 2.4.1 give.
struct IdentifierTests {
    @Test func nidPacksTypeAndIndex() {
        // 2.2.2.1: nidType is the low 5 bits, nidIndex the 27 above them.
        let nid = NID(type: .normalMessage, index: 0x10_0001)
        #expect(nid.rawValue == 0x0200_0024)
        #expect(nid.type == .normalMessage)
        #expect(nid.index == 0x10_0001)
        #expect(NID(0x7FFF_FFFF).index == 0x03FF_FFFF)
    }

    @Test func specialNIDsAreTheSpecifications() {
        // 2.4.1's table: NID_MESSAGE_STORE 0x21 is an internal node of index 1, NID_ROOT_FOLDER
        // 0x122 a normal folder of index 9, NID_RECIPIENT_TABLE 0x692 a recipient table of index 0x34.
        #expect(NID.messageStore == NID(type: .internalNode, index: 1))
        #expect(NID.rootFolder == NID(type: .normalFolder, index: 9))
        #expect(NID.recipientTable == NID(type: .recipientTable, index: 0x34))
        #expect(NID.hierarchyTableTemplate == NID(type: .hierarchyTable, index: 0x30))
    }

    @Test func aFoldersTablesShareItsIndex() {
        // 2.4.4: a folder's hierarchy, contents and associated contents tables take its nidIndex.
        let folder = NID(type: .normalFolder, index: 0x401)
        #expect(folder.with(type: .contentsTable).rawValue == 0x401 << 5 | 0x0E)
        #expect(folder.with(type: .hierarchyTable).index == folder.index)
    }

    @Test func internalBlocksAreMarkedByBitOne() {
        // 2.2.2.2: bit 1 (value 2) of a BID marks an internal block; data BIDs step by 4.
        #expect(BID(rawValue: 0x4).isInternal == false)
        #expect(BID(rawValue: 0x6).isInternal == true)
        #expect(BID(rawValue: 0x8) > BID(rawValue: 0x4))
    }
}
