import Foundation
import Testing
import TestSupport
@testable import Archive

/// Files compressed and decompressed come back byte for byte, whatever their length against
/// libzstd's buffers (128 KiB of output at a time): a store is a whole number of pages, so a
/// length that fills the last buffer exactly is common.
struct ZstdTests {
    let scratch = Scratch()

    @Test(arguments: [0, 1, 131_071, 131_072, 131_073, 2 * 131_072, 46 * 131_072, 46 * 131_072 + 4096])
    func aFileComesBackWhole(length: Int) throws {
        // Text that compresses as a store does, with enough variety not to vanish.
        var bytes = [UInt8]()
        bytes.reserveCapacity(length)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        while bytes.count < length {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let word = Array("message \(state >> 52) from sender \(state >> 60)\n".utf8)
            bytes.append(contentsOf: word.prefix(length - bytes.count))
        }
        let original = try scratch.file("original", Data(bytes))
        let packed = scratch.path("packed.zst")
        let restored = scratch.path("restored")
        try Zstd.compress(original, to: packed)
        #expect(Zstd.isCompressed(packed))
        try Zstd.decompress(packed, to: restored)
        let back = try Data(contentsOf: URL(fileURLWithPath: restored))
        #expect(back.count == length)
        #expect(back == Data(bytes))
    }

    @Test func aCutShortFileIsRefused() throws {
        let original = try scratch.file("original", Data(repeating: 7, count: 300_000) + Data((0..<200_000).map { UInt8($0 % 251) }))
        let packed = scratch.path("packed.zst")
        try Zstd.compress(original, to: packed)
        let whole = try Data(contentsOf: URL(fileURLWithPath: packed))
        let cut = try scratch.file("cut.zst", whole.prefix(whole.count - 3))
        #expect(throws: ArchiveError.self) { try Zstd.decompress(cut, to: scratch.path("restored")) }
    }
}
