/// A table context ([MS-PST] 2.3.4): TCINFO and a row index in a heap, rows in a row matrix.
/// Rows are streamed: once they outgrow the heap they go to subnode blocks as each block
/// fills, so a folder of a million messages costs 8 bytes of memory per row (its index entry).
final class TableContext {
    struct Column {
        let id: UInt16
        let type: UInt16
        let size: Int
        var offset = 0
        var bit = 0
        var tag: UInt32 { UInt32(id) << 16 | UInt32(type) }
    }

    static let rowIDColumn: UInt16 = 0x67F2                        // PidTagLtpRowId
    static let rowVersionColumn: UInt16 = 0x67F3                   // PidTagLtpRowVer

    private let database: NodeDatabase
    private(set) var columns: [Column]
    let rowSize: Int
    private let rowsPerBlock: Int
    private var heap = Heap(clientSignature: 0x7C)
    private var subnodes: [(nid: UInt32, data: UInt64, sub: UInt64)] = []
    private var nids = SubnodeNIDs()
    private var pending: [UInt8] = []
    private var pendingRows = 0
    private var blocks: [(bid: UInt64, size: Int)] = []
    private var index: [(rowID: UInt32, row: UInt32)] = []

    /// `columns`: (id, type, cell size) besides the two row-id columns every table has.
    init(database: NodeDatabase, columns extra: [(id: UInt16, type: UInt16, size: Int)]) {
        self.database = database
        var all = [Column(id: Self.rowIDColumn, type: 0x0003, size: 4), Column(id: Self.rowVersionColumn, type: 0x0003, size: 4)]
        all += extra.map { Column(id: $0.id, type: $0.type, size: $0.size) }
        // Row layout ([MS-PST] 2.3.4.4.1): row id, row version, then 8-, 4-, 2-, 1-byte cells,
        // then the cell existence bitmap. iBit follows the column order.
        let ordered = all[0..<2] + all[2...].sorted { ($0.size, $1.id) > ($1.size, $0.id) }
        var offset = 0
        columns = ordered.enumerated().map { bit, column in
            var column = column
            column.offset = offset
            column.bit = bit
            offset += column.size
            return column
        }
        rowSize = offset + (columns.count + 7) / 8
        rowsPerBlock = Layout.maxBlockData / rowSize
    }

    /// Appends one row; `values` by property id, missing ones left empty.
    func addRow(id rowID: UInt32, _ values: [UInt16: PropertyValue]) throws(NDBError) {
        var row = [UInt8](repeating: 0, count: rowSize)
        let bitmapStart = rowSize - (columns.count + 7) / 8
        for column in columns {
            let value: PropertyValue? = switch column.id {
            case Self.rowIDColumn: .int32(Int32(bitPattern: rowID))
            case Self.rowVersionColumn: .int32(0)
            default: values[column.id]
            }
            guard let value else { continue }
            var cell: [UInt8]
            if value.isInline || value.cellSize == 8 {
                cell = value.bytes
            } else {
                cell = []
                cell.append(le: try PropertyContext.store(value.bytes, heap: &heap, database: database,
                                                          subnodes: &subnodes, nids: &nids))
            }
            row.replaceSubrange(column.offset..<column.offset + column.size, with: cell.prefix(column.size))
            row[bitmapStart + column.bit / 8] |= 0x80 >> UInt8(column.bit % 8)     // rgCEB
        }
        index.append((rowID, UInt32(index.count)))
        pending.append(contentsOf: row)
        pendingRows += 1
        if pendingRows == rowsPerBlock { try flushRows() }
    }

    private func flushRows() throws(NDBError) {
        guard pendingRows > 0 else { return }
        blocks.append((try database.writeBlock(pending), pending.count))
        pending.removeAll(keepingCapacity: true)
        pendingRows = 0
    }

    func write() throws(NDBError) -> NodeContent {
        var rowsHNID: UInt32 = 0
        if blocks.isEmpty && !pending.isEmpty && pending.count <= Heap.maxAllocation {
            rowsHNID = heap.allocate(pending)                        // small tables keep rows in the heap
        } else if !blocks.isEmpty || !pending.isEmpty {
            try flushRows()
            let nid = nids.make(.ltp)
            subnodes.append((nid, try database.writeTree(blocks), 0))
            rowsHNID = nid
        }
        let records = index.sorted { $0.rowID < $1.rowID }.map { entry -> [UInt8] in
            var record: [UInt8] = []
            record.append(le: entry.rowID)                              // dwRowID
            record.append(le: entry.row)                                // dwRowIndex
            return record
        }
        let rowIndex = BTreeOnHeap.build(in: &heap, keySize: 4, dataSize: 4, records: records)
        var info: [UInt8] = [0x7C, UInt8(columns.count)]                // bType, cCols
        let ends = [8, 4, 2, 1].map { size in columns.filter { $0.size >= size }.reduce(0) { $0 + $1.size } }
        info.append(le: UInt16(ends[1]))                                // rgib[TCI_4b]: end of 4- and 8-byte cells
        info.append(le: UInt16(ends[2]))                                // rgib[TCI_2b]
        info.append(le: UInt16(ends[3]))                                // rgib[TCI_1b]
        info.append(le: UInt16(rowSize))                                // rgib[TCI_bm]
        info.append(le: rowIndex)                                       // hidRowIndex
        info.append(le: rowsHNID)                                       // hnidRows
        info.append(le: UInt32(0))                                      // hidIndex (deprecated)
        for column in columns.sorted(by: { $0.tag < $1.tag }) {         // rgTCOLDESC, by tag
            info.append(le: column.tag)
            info.append(le: UInt16(column.offset))                      // ibData
            info.append(UInt8(column.size))                             // cbData
            info.append(UInt8(column.bit))                              // iBit
        }
        let root = heap.allocate(info)
        return NodeContent(data: try database.write(heap, userRoot: root), subnodes: subnodes)
    }
}
