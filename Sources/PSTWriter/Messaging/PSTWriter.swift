import Foundation

/// Writes a Unicode PST mailbox, one message at a time ([MS-PST]). The file has a message
/// store, an empty name-to-id map, the root folder, the IPM subtree ("Top of Personal Folders")
/// with Inbox, Sent Items and Deleted Items, and whatever other folders messages are added to.
///
/// Memory stays flat: each message goes to disk as it is added; what is kept is one B-tree
/// entry per block and node, and 8 bytes per message for its folder's row index.
/// Call `finish()` to complete the file: nothing readable exists before it.
public final class PSTWriter {
    public enum Encryption: String, Sendable, CaseIterable { case none, compressible }

    private let database: NodeDatabase
    private let displayName: String
    private let storeUID: [UInt8]
    private let root: Folder
    private let ipmSubtree: Folder
    private let searchRoot: Folder
    private var folders: [FolderRole: Folder] = [:]
    private var counters = NodeCounters()
    private var finished = false

    public init(path: String, displayName: String = "Personal Folders", encryption: Encryption = .compressible)
        throws(PSTWriterError)
    {
        do {
            database = try NodeDatabase(path: path, encrypted: encryption == .compressible)
        } catch {
            throw .ndb(error)
        }
        self.displayName = displayName
        storeUID = Self.uid(from: displayName)
        root = Folder(nid: .rootFolder, name: "", parent: .rootFolder, containerClass: nil, database: database)
        do {
            ipmSubtree = Folder(nid: try counters.take(.normalFolder), name: "Top of Personal Folders",
                                parent: .rootFolder, containerClass: nil, database: database)
            searchRoot = Folder(nid: try counters.take(.normalFolder), name: "Search Root",
                                parent: .rootFolder, containerClass: nil, database: database)
            root.children = [ipmSubtree, searchRoot]
            for (role, name) in [(FolderRole.deletedItems, "Deleted Items"), (.inbox, "Inbox"), (.sentItems, "Sent Items")] {
                folders[role] = try makeFolder(name, in: ipmSubtree)
            }
        } catch {
            throw .ndb(error)
        }
    }

    private func makeFolder(_ name: String, in parent: Folder) throws(NDBError) -> Folder {
        let folder = Folder(nid: try counters.take(.normalFolder), name: name, parent: parent.nid, database: database)
        parent.children.append(folder)
        return folder
    }

    private func folder(for role: FolderRole) throws(NDBError) -> Folder {
        if let folder = folders[role] { return folder }
        guard case .other(let path) = role else { preconditionFailure("standard folders exist from the start") }
        var parent = ipmSubtree
        for depth in 1...max(1, path.count) {
            let prefix = FolderRole.other(Array(path.prefix(depth)))
            if let existing = folders[prefix] {
                parent = existing
            } else {
                let made = try makeFolder(path.isEmpty ? "Folder" : path[depth - 1], in: parent)
                folders[prefix] = made
                parent = made
            }
        }
        return parent
    }

    /// Writes one message into `folder` (created under the IPM subtree if new). Messages are
    /// numbered in the order they are added, as Outlook numbers them as they arrive: add them
    /// in delivery order for a file that looks like Outlook's.
    public func add(_ message: MessageSpec, to role: FolderRole) throws(PSTWriterError) {
        precondition(!finished, "add after finish")
        do {
            let folder = try folder(for: role)
            let nid = try counters.take(.normalMessage)
            let properties = try MessageObject.write(message, nid: nid, folder: folder.nid, to: database)
            try folder.add(message: nid, properties)
        } catch {
            throw .ndb(error)
        }
    }

    /// Writes the folders, the message store and the other required nodes, then the B-trees,
    /// maps and header. Throws if anything could not be written: the file is then incomplete.
    public func finish() throws(PSTWriterError) {
        precondition(!finished, "finish twice")
        finished = true
        do {
            try writeMessageStore()
            try writeNameToIDMap()
            for template in [(NID.hierarchyTableTemplate, Columns.hierarchy), (.contentsTableTemplate, Columns.contents),
                             (.associatedContentsTableTemplate, Columns.contents)] {
                try Folder.writeTable(TableContext(database: database, columns: template.1), as: template.0, database)
            }
            var pending = [root]
            while let folder = pending.popLast() {
                try folder.write(to: database)
                pending += folder.children
            }
            // Search bookkeeping nodes a PST carries even when no search folder exists ([MS-PST] 2.7.1).
            database.addNode(.searchManagementQueue, data: 0)
            database.addNode(.searchActivityList, data: try database.writeBlock([0, 0, 0, 0]))
            database.addNode(.searchDomainObject, data: 0)
            try database.finish(.init(rgnid: counters.rgnid, unique: counters.nextMessageIndex))
        } catch {
            throw .ndb(error)
        }
    }

    private func entryID(_ nid: NID) -> [UInt8] {
        var id: [UInt8] = [0, 0, 0, 0]                              // rgbFlags
        id += storeUID                                              // uid: the store's provider UID
        id.append(le: nid.rawValue)                                 // nid
        return id
    }

    private func writeMessageStore() throws(NDBError) {
        var pc = PropertyContext()
        pc[PropertyID.recordKey] = .binary(storeUID)
        pc[PropertyID.displayName] = .string(displayName)
        pc[PropertyID.ipmSubtreeEntryID] = .binary(entryID(ipmSubtree.nid))
        pc[PropertyID.ipmWastebasketEntryID] = .binary(entryID(folders[.deletedItems]!.nid))
        pc[PropertyID.ipmSentMailEntryID] = .binary(entryID(folders[.sentItems]!.nid))
        pc[PropertyID.finderEntryID] = .binary(entryID(searchRoot.nid))
        pc[PropertyID.validFolderMask] = .int32(0x89)               // subtree, wastebasket, finder
        var nids = SubnodeNIDs()
        let content = try pc.write(to: database, subnodeNIDs: &nids)
        database.addNode(.messageStore, data: content.data, subnodes: try database.writeSubnodes(content.subnodes))
    }

    /// The name-to-id map ([MS-PST] 2.4.7). It declares one named property, PidLidCommonStart
    /// in PSETID_Common (readers expect a non-empty entry stream); messages use no named ones.
    private func writeNameToIDMap() throws(NDBError) {
        // PSETID_Common {00062008-0000-0000-C000-000000000046}, as a GUID is stored.
        let commonSet: [UInt8] = [0x08, 0x20, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00,
                                  0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46]
        let propertyID: UInt32 = 0x8516                             // PidLidCommonStart
        let guidField: UInt16 = 3 << 1                             // first GUID of the stream, numeric name
        var entry: [UInt8] = []
        entry.append(le: propertyID)                                // NAMEID.dwPropertyID
        entry.append(le: guidField)                                 // NAMEID.N + wGuid
        entry.append(le: UInt16(0))                                 // NAMEID.wPropIdx → 0x8000
        var pc = PropertyContext()
        pc[PropertyID.nameidBucketCount] = .int32(251)
        pc[PropertyID.nameidStreamGuid] = .binary(commonSet)
        pc[PropertyID.nameidStreamEntry] = .binary(entry)
        pc[PropertyID.nameidStreamString] = .binary([0, 0, 0, 0])
        let bucket = (propertyID ^ UInt32(guidField)) % 251          // [MS-PST] 2.4.7.5 hash
        pc[0x1000 + UInt16(bucket)] = .binary(entry)
        var nids = SubnodeNIDs()
        let content = try pc.write(to: database, subnodeNIDs: &nids)
        database.addNode(.nameToIDMap, data: content.data)
    }

    /// A provider UID derived from the store's name, so that equal inputs give equal files.
    static func uid(from name: String) -> [UInt8] {
        var state: UInt64 = 0xCBF2_9CE4_8422_2325
        var bytes: [UInt8] = []
        for round in 0..<2 {
            for byte in Array(name.utf8) + [UInt8(round)] {
                state = (state ^ UInt64(byte)) &* 0x100_0000_01B3
            }
            bytes.append(le: state)
        }
        return bytes
    }
}

public enum PSTWriterError: Error, Sendable, Equatable, CustomStringConvertible {
    case ndb(NDBError)

    public var description: String {
        switch self {
        case .ndb(let error): error.description
        }
    }
}
