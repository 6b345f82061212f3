/// A folder being written ([MS-PST] 2.4.4): its contents table streams as messages arrive;
/// its property context and hierarchy table are written when the file is finished.
final class Folder {
    let nid: NID
    let name: String
    let parent: NID
    let containerClass: String?
    var children: [Folder] = []
    let contents: TableContext
    var messageCount = 0

    init(nid: NID, name: String, parent: NID, containerClass: String? = "IPF.Note", database: NodeDatabase) {
        self.nid = nid
        self.name = name
        self.parent = parent
        self.containerClass = containerClass
        contents = TableContext(database: database, columns: Columns.contents)
    }

    func add(message nid: NID, _ properties: [UInt16: PropertyValue]) throws(NDBError) {
        try contents.addRow(id: nid.rawValue, properties)
        messageCount += 1
    }

    /// Writes this folder's nodes: the PC, and hierarchy, contents and associated contents tables.
    func write(to database: NodeDatabase) throws(NDBError) {
        var nids = SubnodeNIDs()
        var pc = PropertyContext()
        pc[PropertyID.displayName] = .string(name)
        pc[PropertyID.contentCount] = .int32(Int32(messageCount))
        pc[PropertyID.contentUnreadCount] = .int32(0)
        pc[PropertyID.subfolders] = .boolean(!children.isEmpty)
        if let containerClass { pc[PropertyID.containerClass] = .string(containerClass) }
        let content = try pc.write(to: database, subnodeNIDs: &nids)
        database.addNode(nid, data: content.data, subnodes: try database.writeSubnodes(content.subnodes), parent: parent)

        let hierarchy = TableContext(database: database, columns: Columns.hierarchy)
        for child in children {
            var row: [UInt16: PropertyValue] = [
                PropertyID.displayName: .string(child.name),
                PropertyID.contentCount: .int32(Int32(child.messageCount)),
                PropertyID.contentUnreadCount: .int32(0),
                PropertyID.subfolders: .boolean(!child.children.isEmpty),
            ]
            if let containerClass = child.containerClass { row[PropertyID.containerClass] = .string(containerClass) }
            try hierarchy.addRow(id: child.nid.rawValue, row)
        }
        try Self.writeTable(hierarchy, as: nid.with(type: .hierarchyTable), database)
        try Self.writeTable(contents, as: nid.with(type: .contentsTable), database)
        try Self.writeTable(TableContext(database: database, columns: Columns.contents),
                            as: nid.with(type: .associatedContentsTable), database)
    }

    static func writeTable(_ table: TableContext, as nid: NID, _ database: NodeDatabase) throws(NDBError) {
        let content = try table.write()
        database.addNode(nid, data: content.data, subnodes: try database.writeSubnodes(content.subnodes))
    }
}
