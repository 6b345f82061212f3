/// A property context ([MS-PST] 2.3.3): a heap whose user root is a BTH of
/// (wPropId → wPropType, dwValueHnid). Values over 3,580 bytes go to subnodes.
struct PropertyContext {
    private(set) var properties: [UInt16: PropertyValue] = [:]

    subscript(id: UInt16) -> PropertyValue? {
        get { properties[id] }
        set { properties[id] = newValue }
    }

    func write(to database: NodeDatabase, subnodeNIDs: inout SubnodeNIDs) throws(NDBError) -> NodeContent {
        var heap = Heap(clientSignature: 0xBC)
        var subnodes: [(nid: UInt32, data: UInt64, sub: UInt64)] = []
        var records: [[UInt8]] = []
        for (id, value) in properties.sorted(by: { $0.key < $1.key }) {
            var record: [UInt8] = []
            record.append(le: id)                                       // wPropId
            record.append(le: value.type)                               // wPropType
            if value.isInline {
                var inline = value.bytes
                inline.append(contentsOf: repeatElement(0, count: 4 - inline.count))
                record.append(contentsOf: inline)                       // dwValueHnid holds the value
            } else {
                record.append(le: try Self.store(value.bytes, heap: &heap, database: database,
                                                 subnodes: &subnodes, nids: &subnodeNIDs))
            }
            records.append(record)
        }
        let root = BTreeOnHeap.build(in: &heap, keySize: 2, dataSize: 6, records: records)
        return NodeContent(data: try database.write(heap, userRoot: root), subnodes: subnodes)
    }

    /// An HNID for `bytes`: 0 when empty, a HID when it fits the heap, else a subnode NID.
    static func store(
        _ bytes: [UInt8], heap: inout Heap, database: NodeDatabase,
        subnodes: inout [(nid: UInt32, data: UInt64, sub: UInt64)], nids: inout SubnodeNIDs
    ) throws(NDBError) -> UInt32 {
        if bytes.isEmpty { return 0 }
        if bytes.count <= Heap.maxAllocation { return heap.allocate(bytes) }
        let nid = nids.make(.ltp)
        subnodes.append((nid, try database.writeData(bytes), 0))
        return nid
    }
}
