import Foundation
import MailModel
import PSTReader

/// The read stage for one file: open it, walk it, normalise each item, and hand every
/// result to `emit` as a `ReadRecord`. Never throws for the file's own faults: those become
/// `failed`, `problem` or `finished(fatal:)` records. What `emit` throws stops the walk.
/// With a `part`, only that part's items are read (see `FilePart`).
enum FileReader {
    static func read(path: String, part: FilePart = .whole, emit: (ReadRecord) throws -> Void) throws {
        let file: PSTFile
        do {
            file = try PSTFile(path: path)
        } catch {
            return try emit(.failed(kind: error.kind, message: error.description))
        }
        let fingerprint: String
        do {
            fingerprint = try Fingerprint.of(path: path, size: file.info.size)
        } catch {
            return try emit(.failed(kind: .ioError, message: "cannot read: \(error.localizedDescription)"))
        }
        let info = file.info
        let facts = SourceFileFacts(
            fingerprint: fingerprint, path: path, size: info.size, format: info.format.rawValue,
            contentType: info.contentType.rawValue, encryption: info.encryption.rawValue,
            displayName: info.displayName)
        try emit(.opened(OpenedFile(facts: facts, itemTotal: file.estimatedItemCount(), truncation: info.truncation)))

        var fatal: String? = nil
        do {
            try file.read(part: part) { event in
                switch event {
                case .folder(let folder):
                    let name = folder.path.split(separator: "/").last.map { $0.lowercased() } ?? ""
                    try emit(.folder(IncomingFolder(
                        nodeID: folder.identifier, path: folder.path, itemCount: folder.itemCount,
                        isSentItems: folder.isSentItems || sentFolderNames.contains(name))))
                case .item(let item):
                    try emit(.message(Normalizer.message(item)))
                    if !item.unreadableProperties.isEmpty {
                        try emit(.problem(IncomingError(
                            itemID: item.identifier, folderPath: item.folderPath, kind: .unreadableProperty,
                            message: "imported without " + item.unreadableProperties.joined(separator: ", "),
                            itemFailed: false)))
                    }
                case .failure(let failure):
                    try emit(.problem(IncomingError(
                        itemID: failure.identifier, itemIndex: failure.index, folderPath: failure.folderPath,
                        kind: .unreadableItem, message: failure.reason)))
                }
            }
        } catch let error as PSTOpenError {
            fatal = error.description
        }
        try emit(.finished(x500: file.x500Map.smtpByDN, fatal: fatal))
    }

    /// Folder names that mean Sent Items when the message store does not say which it is.
    static let sentFolderNames: Set<String> = [
        "sent items", "sent", "sent mail", "sent messages", "gesendete elemente", "gesendete objekte",
        "éléments envoyés", "elementos enviados", "posta inviata", "verzonden items", "skickat",
    ]
}
