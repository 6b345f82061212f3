import Foundation
import Testing
import TestSupport
@testable import PSTReader

/// The parts of a file together read each item exactly once, and each sees every folder.
struct FilePartTests {
    struct Walk: Equatable {
        var folders: [UInt32] = []
        var items: [UInt32] = []
        var itemFailures: [String] = []
        var folderFailures: [String] = []
    }

    static func walk(_ path: String, part: FilePart) throws -> Walk {
        var walk = Walk()
        try PSTFile(path: path).read(part: part) { event in
            switch event {
            case .folder(let folder): walk.folders.append(folder.identifier)
            case .item(let item): walk.items.append(item.identifier)
            case .failure(let failure) where failure.index >= 0:
                walk.itemFailures.append("\(failure.folderPath)#\(failure.index): \(failure.reason)")
            case .failure(let failure):
                walk.folderFailures.append("\(failure.folderPath): \(failure.reason)")
            }
        }
        return walk
    }

    static let synthetic = ["steady", "hostile", "multi-3"].map {
        SampleCorpus.packageRoot.appendingPathComponent("samples/\($0).pst").path
    }
    /// Every real sample this libpff opens (none when the corpus is absent: the synthetic ones
    /// still run). Releases differ on one damaged sample.
    static let real = SampleCorpus.isAvailable
        ? SampleCorpus.entries.map(\.path).filter { (try? PSTFile(path: $0)) != nil } : []

    @Test(arguments: synthetic + real)
    func partsTogetherReadEachItemOnce(path: String) throws {
        let whole = try Self.walk(path, part: .whole)
        for count in [2, 3] {
            let parts = try (0..<count).map { try Self.walk(path, part: FilePart(index: $0, count: count)!) }
            #expect(parts.allSatisfy { $0.folders == whole.folders })
            #expect(parts.flatMap(\.items).sorted() == whole.items.sorted())
            #expect(Set(parts.flatMap(\.items)).count == whole.items.count)
            #expect(parts.flatMap(\.itemFailures).sorted() == whole.itemFailures.sorted())
            #expect(parts[0].folderFailures == whole.folderFailures)
            #expect(parts.dropFirst().allSatisfy { $0.folderFailures.isEmpty })
            // Runs are dealt in turn: with more than a run of items, every part gets some.
            if whole.items.count > count * FilePart.run { #expect(parts.allSatisfy { !$0.items.isEmpty }) }
        }
    }

    @Test func partsAreWrittenAsIOverN() throws {
        #expect(FilePart("1/3") == FilePart(index: 1, count: 3))
        #expect(FilePart("0/1") == .whole)
        for bad in ["3/3", "-1/2", "1/0", "1", "a/b", "1/2/3", ""] { #expect(FilePart(bad) == nil, "\(bad)") }
    }
}
