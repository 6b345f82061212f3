import Foundation
import Testing
import TestSupport
@testable import PSTWriter

/// [MS-PST] 5.3's CRC: CRC-32 (reflected 0xEDB88320) from 0, no final inversion.
struct CRCTests {
    /// Worked out with zlib, whose crc32 starts from and ends with an inversion:
    /// zlib.crc32(data, 0xFFFFFFFF) ^ 0xFFFFFFFF.
    @Test func knownValues() {
        #expect(CRC.compute([UInt8]()) == 0)
        #expect(CRC.compute(Array("123456789".utf8)) == 0x2DFD_2D88)
        #expect(CRC.compute(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0xB9C6_0808)
        #expect(CRC.compute((0...255).map(UInt8.init)) == 0x2493_092B)
    }

    /// Real files: the header's partial CRC (dwCRCPartial, at offset 4) covers the 471 bytes
    /// from offset 8 ([MS-PST] 2.2.2.6). One sample, written by a third-party library, stores a
    /// wrong one; every other Unicode sample agrees.
    @Test(.enabled(if: SampleCorpus.isAvailable, Comment(rawValue: SampleCorpus.missingMessage)))
    func agreesWithRealHeaders() throws {
        var checked = 0, agreeing = 0
        for entry in SampleCorpus.entries where entry.path.hasSuffix(".pst") {
            guard let handle = FileHandle(forReadingAtPath: entry.path) else { continue }
            defer { try? handle.close() }
            let header = [UInt8](try handle.read(upToCount: 512) ?? Data())
            // Unicode files only (wVer ≥ 23 at offset 10); ANSI headers are laid out differently.
            guard header.count == 512, header.starts(with: Array("!BDN".utf8)),
                  UInt16(header[10]) | UInt16(header[11]) << 8 >= 23 else { continue }
            let stored = header[4..<8].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            checked += 1
            if CRC.compute(header[8..<479]) == stored { agreeing += 1 }
        }
        #expect(checked >= 20)
        #expect(agreeing >= checked - 1, "\(agreeing) of \(checked)")
    }
}
