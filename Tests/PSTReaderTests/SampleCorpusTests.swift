import Foundation
import Testing
import TestSupport
@testable import PSTReader

/// The reader against the real samples and what pffexport/pypff found in them.
@Suite(.enabled(if: SampleCorpus.isAvailable, Comment(rawValue: SampleCorpus.missingMessage)))
struct SampleCorpusTests {
    struct Walk {
        var folders: [FolderSummary] = []
        var items: [MailItem] = []
        var failures: [ItemFailure] = []
    }

    static func walk(_ path: String) throws -> (PSTFile, Walk) {
        let file = try PSTFile(path: path)
        var walk = Walk()
        try file.read { event in
            switch event {
            case .folder(let folder): walk.folders.append(folder)
            case .item(let item): walk.items.append(item)
            case .failure(let failure): walk.failures.append(failure)
            }
        }
        return (file, walk)
    }

    static let openable = SampleCorpus.entries.filter(\.libpffOpens)
    static let unopenable = SampleCorpus.entries.filter { !$0.libpffOpens }

    @Test("email and unreadable-item counts match the manifest", arguments: openable)
    func emailCounts(entry: SampleCorpus.Entry) throws {
        let walk: Walk
        do {
            walk = try Self.walk(entry.path).1
        } catch let error as PSTOpenError {
            // A damaged index can leave no root folder (Debian's libpff), or fail the open
            // (libpff 20260926): then nothing is reachable, and the manifest must agree that
            // there is no email to find.
            guard case .corrupt(let cause) = error else { throw error }
            #expect(!cause.isEmpty && !cause.contains("\n"))
            #expect(entry.emails == 0)
            return
        }
        #expect(walk.items.filter { $0.kind == .email }.count == entry.emails)
        #expect(walk.failures.count == entry.itemsLibpffCouldNotRead)
        if let folders = entry.folders {
            #expect(walk.folders.count == folders)
        }
    }

    /// Folders of real files keep their own item counts (search folders count other folders'
    /// messages); the progress estimate read from them is what the walk finds.
    @Test("the item estimate equals the items walked", arguments: openable)
    func itemEstimate(entry: SampleCorpus.Entry) throws {
        let file: PSTFile, walk: Walk
        do {
            (file, walk) = try Self.walk(entry.path)
        } catch let error as PSTOpenError {
            // Only a file with nothing reachable may fail its walk (as in `emailCounts`).
            guard case .corrupt = error else { throw error }
            #expect(entry.emails == 0)
            return
        }
        let walked = walk.items.count + walk.failures.filter { $0.index >= 0 }.count
        #expect(file.estimatedItemCount() == walked)
    }

    @Test("files libpff cannot open give a corrupt-file error", arguments: unopenable)
    func unopenableFiles(entry: SampleCorpus.Entry) {
        #expect {
            _ = try PSTFile(path: entry.path)
        } throws: { error in
            guard case .corrupt(let cause) = error as? PSTOpenError else { return false }
            return !cause.isEmpty
        }
    }

    @Test("Exchange senders in the OST resolve to SMTP wherever the file holds it")
    func exchangeSendersResolve() throws {
        let entry = try #require(SampleCorpus.entry(containing: "SampleOstFile.ost"))
        let (file, walk) = try Self.walk(entry.path)
        #expect(!file.x500Map.isEmpty)
        let senders = walk.items.compactMap(\.sender.address)
        // A DN met before the recipient row that resolves it stays X.500 during the walk;
        // the final map resolves it (Ingest rewrites those at the end of the file).
        let resolvedAtEnd = senders.map { X500.isDistinguishedName($0) ? (file.x500Map.smtp(for: $0) ?? $0) : $0 }
        #expect(!resolvedAtEnd.contains(where: X500.isDistinguishedName))
        let administrator = resolvedAtEnd.filter { $0.lowercased().hasPrefix("administrator@") }
        #expect(administrator.count >= 69)
    }

    @Test("file facts: format, content type, encryption")
    func fileFacts() throws {
        let ost = try PSTFile(path: try #require(SampleCorpus.entry(containing: "SampleOstFile.ost")).path)
        #expect(ost.info.contentType == .ost)
        #expect(ost.info.format == .unicode64)
        #expect(ost.info.encryption == .compressible)
        #expect(!ost.info.isTruncated)
        let ansi = try PSTFile(path: try #require(SampleCorpus.entry(containing: "sample2.pst")).path)
        #expect(ansi.info.format == .ansi32)
    }
}
