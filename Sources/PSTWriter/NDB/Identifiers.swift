/// Node identifiers ([MS-PST] 2.2.2.1, NID): a 5-bit type and a 27-bit index.
struct NID: Hashable, Comparable, Sendable {
    let rawValue: UInt32

    init(_ rawValue: UInt32) { self.rawValue = rawValue }
    init(type: NIDType, index: UInt32) { rawValue = index << 5 | type.rawValue }

    var type: NIDType? { NIDType(rawValue: rawValue & 0x1F) }
    var index: UInt32 { rawValue >> 5 }

    /// The table NIDs of a folder share its index ([MS-PST] 2.4.4).
    func with(type: NIDType) -> NID { NID(type: type, index: index) }

    static func < (a: NID, b: NID) -> Bool { a.rawValue < b.rawValue }

    // Special NIDs ([MS-PST] 2.4.1).
    static let messageStore = NID(0x21)
    static let nameToIDMap = NID(0x61)
    static let normalFolderTemplate = NID(0xA1)
    static let searchFolderTemplate = NID(0xC1)
    static let rootFolder = NID(0x122)
    static let searchManagementQueue = NID(0x1E1)
    static let searchActivityList = NID(0x201)
    static let searchDomainObject = NID(0x261)
    static let searchGathererQueue = NID(0x281)
    static let searchGathererDescriptor = NID(0x2A1)
    static let hierarchyTableTemplate = NID(0x60D)
    static let contentsTableTemplate = NID(0x60E)
    static let associatedContentsTableTemplate = NID(0x60F)
    static let searchContentsTableTemplate = NID(0x610)
    static let attachmentTable = NID(0x671)
    static let recipientTable = NID(0x692)
}

/// NID_TYPE values ([MS-PST] 2.2.2.1).
enum NIDType: UInt32, Sendable {
    case hid = 0x00, internalNode = 0x01, normalFolder = 0x02, searchFolder = 0x03, normalMessage = 0x04
    case attachment = 0x05, associatedMessage = 0x08
    case hierarchyTable = 0x0D, contentsTable = 0x0E, associatedContentsTable = 0x0F
    case attachmentTable = 0x11, recipientTable = 0x12, ltp = 0x1F
}

/// Block identifiers ([MS-PST] 2.2.2.2): counted in steps of 4; bit 1 marks internal blocks
/// (XBLOCK, XXBLOCK, SLBLOCK, SIBLOCK), which are never encrypted.
struct BID: Hashable, Comparable, Sendable {
    let rawValue: UInt64
    var isInternal: Bool { rawValue & 2 != 0 }
    static func < (a: BID, b: BID) -> Bool { a.rawValue < b.rawValue }
    static let none = BID(rawValue: 0)
}
