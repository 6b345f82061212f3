import CLibpff
import Foundation

/// An open PST or OST file. Reads stream: `read(_:)` hands over one item at a time and
/// keeps nothing but the X.500 address map, whose size follows the number of people,
/// not the number of messages.
///
/// Not Sendable: libpff takes no locks, so one `PSTFile` belongs to one worker.
public final class PSTFile {
    public let info: PSTFileInfo
    /// X.500 → SMTP, as learned from the recipient rows read so far.
    public private(set) var x500Map = X500Map()

    private let file: FileHandle
    private let sentItemsIdentifier: UInt32?

    public init(path: String) throws(PSTOpenError) {
        let (size, header) = try Self.precheck(path)
        let file: FileHandle
        do {
            file = try FileHandle(path: path)
        } catch {
            // Some libpff versions open a cut-off file and find nothing in it, others refuse it.
            guard size < header.declaredSize else { throw .corrupt(error.cause) }
            throw .truncated(declaredSize: header.declaredSize, size: size, cause: error.cause)
        }
        self.file = file
        var contentType: UInt8 = 0
        var encryption: UInt8 = 0
        _ = try? libpff("libpff_file_get_content_type") { libpff_file_get_content_type(file.raw, &contentType, $0) }
        _ = try? libpff("libpff_file_get_encryption_type") {
            libpff_file_get_encryption_type(file.raw, &encryption, $0)
        }
        let store = Self.messageStore(file)
        sentItemsIdentifier = store.sentItems
        info = PSTFileInfo(
            path: path, size: size, format: header.format,
            contentType: ContentType(libpff: contentType),
            encryption: Encryption(libpff: encryption),
            displayName: store.displayName, declaredSize: header.declaredSize)
    }

    /// Checks what the file system and the header can tell before libpff is involved.
    private static func precheck(_ path: String) throws(PSTOpenError) -> (Int64, FileHeader) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw errno == ENOENT || errno == ENOTDIR ? .notFound : .unreadable(errno: errno)
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .isDirectory
        default: throw .notRegularFile
        }
        guard status.st_size > 0 else { throw .empty }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw errno == EACCES || errno == EPERM ? .permissionDenied : .unreadable(errno: errno) }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: FileHeader.length)
        let count = Glibc.read(descriptor, &bytes, bytes.count)
        guard count >= 0 else { throw .unreadable(errno: errno) }
        do throws(FileHeader.Problem) {
            return (Int64(status.st_size), try FileHeader(Array(bytes.prefix(count))))
        } catch {
            switch error {
            case .notPST: throw .notPST
            case .unknownVersion(let version): throw .unsupportedVersion(version)
            }
        }
    }

    /// The message store's display name and the node id of its Sent Items folder
    /// (PidTagIpmSentMailEntryId: flags 4, provider UID 16, then the NID).
    private static func messageStore(_ file: FileHandle) -> (displayName: String?, sentItems: UInt32?) {
        let store = (try? file.item("libpff_file_get_message_store") { libpff_file_get_message_store($0, $1, $2) }) ?? nil
        guard let store, let properties = try? store.recordSet(0) else { return (nil, nil) }
        let name = try? properties.string(.displayName)
        let entryID = (try? properties.bytes(.sentMailEntryID)) ?? nil
        var sent: UInt32? = nil
        if let entryID, entryID.count >= 24 {
            sent = entryID[20..<24].reversed().reduce(0) { $0 << 8 | UInt32($1) }
        }
        return (name ?? nil, sent)
    }

    /// Walks every folder from the root folder and every item in it, in file order.
    /// Unreadable folders and items become `.failure` events; the walk goes on.
    /// Throws `PSTOpenError.corrupt` when even the root folder cannot be read, and
    /// whatever `visit` throws (which stops the walk).
    ///
    /// With a `part`, only that part's items are read (and fail); every part sees every folder,
    /// and only the first reports a folder that cannot be listed or opened. The parts of a file
    /// together read each item exactly once.
    public func read(part: FilePart = .whole, _ visit: (ReadEvent) throws -> Void) throws {
        let root: ItemHandle?
        do {
            root = try file.rootFolder
        } catch {
            throw PSTOpenError.corrupt("cannot read the root folder: \(error.cause)")
        }
        guard let root else { throw PSTOpenError.corrupt("the file has no root folder") }
        var walk = Walk(part: part)
        try self.walk(root, path: "", &walk, visit)
    }

    /// Where a walk is: the folders seen (a damaged file's folders may form a cycle) and the
    /// position of the next item in walk order, which decides the part it belongs to.
    private struct Walk {
        let part: FilePart
        var visited: Set<UInt32> = []
        var position = 0
    }

    /// How many items the folders say they hold (PidTagContentCount), for progress estimates.
    /// Read from each folder's own properties, without listing its items: libpff lists a
    /// folder's items by reading its whole contents table, which the walk does again anyway.
    public func estimatedItemCount() -> Int {
        guard let root = (try? file.rootFolder) ?? nil else { return 0 }
        var visited: Set<UInt32> = []
        return Self.estimatedItemCount(root, visited: &visited)
    }

    private static func estimatedItemCount(_ folder: ItemHandle, visited: inout Set<UInt32>) -> Int {
        let identifier = (try? folder.identifier) ?? 0
        guard visited.insert(identifier).inserted else { return 0 }
        var total = 0
        // A search folder (node type 3) counts messages that live in other folders; libpff
        // lists none of them under it.
        if identifier & 0x1F != 0x03 {
            let stated = (try? folder.recordSet(0).int32(.contentCount)) ?? nil
            total = stated.map { max($0, 0) } ?? (try? folder.messageCount) ?? 0
        }
        for index in 0..<((try? folder.subfolderCount) ?? 0) {
            guard let child = (try? folder.subfolder(index)) ?? nil else { continue }
            total += estimatedItemCount(child, visited: &visited)
        }
        return total
    }

    /// Depth first, each folder once: a damaged file whose folders form a cycle still ends.
    private func walk(
        _ folder: ItemHandle, path: String, _ walk: inout Walk, _ visit: (ReadEvent) throws -> Void
    ) throws {
        var count = 0
        let identifier = (try? folder.identifier) ?? 0
        guard walk.visited.insert(identifier).inserted else { return }
        let reportsFolders = walk.part.reportsFolders
        do {
            count = try folder.messageCount
        } catch {
            if reportsFolders {
                try visit(.failure(ItemFailure(identifier: identifier, folderPath: path, index: -1,
                                               reason: "cannot list the folder's items: \(error.cause)")))
            }
        }
        try visit(.folder(FolderSummary(
            identifier: identifier, path: path, itemCount: count,
            isSentItems: sentItemsIdentifier == identifier)))
        for index in 0..<count {
            defer { walk.position += 1 }
            guard walk.part.owns(walk.position) else { continue }
            try visit(readItem(in: folder, at: index, folderID: identifier, path: path))
        }
        var subfolders = 0
        do {
            subfolders = try folder.subfolderCount
        } catch {
            if reportsFolders {
                try visit(.failure(ItemFailure(identifier: identifier, folderPath: path, index: -1,
                                               reason: "cannot list the subfolders: \(error.cause)")))
            }
        }
        for index in 0..<subfolders {
            do {
                guard let child = try folder.subfolder(index) else { continue }
                let name = (try? Self.folderName(child)) ?? nil
                let childPath = path.isEmpty ? (name ?? "") : path + "/" + (name ?? "")
                try self.walk(child, path: childPath, &walk, visit)
            } catch let error as LibpffError {
                guard reportsFolders else { continue }
                try visit(.failure(ItemFailure(identifier: nil, folderPath: path, index: -1,
                                               reason: "cannot open subfolder \(index): \(error.cause)")))
            }
        }
    }

    private func readItem(in folder: ItemHandle, at index: Int, folderID: UInt32, path: String) -> ReadEvent {
        var identifier: UInt32? = nil
        do {
            guard let item = try folder.child("libpff_folder_get_sub_message", {
                libpff_folder_get_sub_message($0, Int32(index), $1, $2)
            }) else {
                return .failure(ItemFailure(identifier: nil, folderPath: path, index: index, reason: "item is missing"))
            }
            let id = try item.identifier
            identifier = id
            return .item(try MessageReader.read(
                item, identifier: id, folderID: folderID, folderPath: path, x500Map: &x500Map))
        } catch {
            return .failure(ItemFailure(identifier: identifier, folderPath: path, index: index, reason: error.cause))
        }
    }

    /// The folder's PidTagDisplayName, decoded as every other string is (see `RecordSet.string`).
    private static func folderName(_ folder: ItemHandle) throws(LibpffError) -> String? {
        try folder.recordSet(0).string(.displayName)
    }
}

@available(*, unavailable)
extension PSTFile: Sendable {}

extension ContentType {
    init(libpff value: UInt8) {
        switch value {
        case UInt8(ascii: "o"): self = .ost
        case UInt8(ascii: "a"): self = .pab
        default: self = .pst
        }
    }
}

extension Encryption {
    init(libpff value: UInt8) {
        switch value {
        case 1: self = .compressible
        case 2: self = .high
        default: self = .none
        }
    }
}
