/// Node ids as Outlook hands them out: one counter per NID type, each new node taking the next
/// index of its type ([MS-PST] 2.2.2.6, the header's rgnid). Messages are therefore numbered in
/// the order they arrive, whatever folder they go to; the header records each counter so that
/// a client adding to the file later carries on from it.
struct NodeCounters {
    /// Outlook's first message index: message NIDs of real files start at 0x200004 and up.
    static let firstMessageIndex: UInt32 = 0x10000
    /// An index has 27 bits.
    static let indexLimit: UInt32 = 1 << 27

    /// The header's rgnid: the next index of every type.
    private(set) var rgnid: [UInt32]

    /// Folders count from 0x401, the IPM subtree's index in Outlook's files.
    init() {
        rgnid = [UInt32](repeating: 0x400, count: 32)
        rgnid[Int(NIDType.normalFolder.rawValue)] = 0x401
        rgnid[Int(NIDType.normalMessage.rawValue)] = Self.firstMessageIndex
        rgnid[Int(NIDType.internalNode.rawValue)] = 0x4000
    }

    mutating func take(_ type: NIDType) throws(NDBError) -> NID {
        let index = rgnid[Int(type.rawValue)]
        guard index < Self.indexLimit else { throw .tooManyNodes(type.rawValue) }
        rgnid[Int(type.rawValue)] = index + 1
        return NID(type: type, index: index)
    }

    /// One past the last message index handed out (the header's dwUnique follows it).
    var nextMessageIndex: UInt32 { rgnid[Int(NIDType.normalMessage.rawValue)] }
}
