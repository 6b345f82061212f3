import Foundation
import Testing
import TestSupport
@testable import PSTWriter

/// "Compressible" encryption against [MS-PST] 5.1 itself: the specification's mpbbCrypt table
/// is read from the reference copy beside the project, not from the code under test.
struct PermuteTests {
    static let specification = SampleCorpus.packageRoot.appendingPathComponent("../shared/reference/MS-PST.md")
        .standardizedFileURL
    static let available = FileManager.default.fileExists(atPath: specification.path)

    /// The 768 numbers of `byte mpbbCrypt[] = { … };`: mpbbR, mpbbS and mpbbI, 256 each.
    static func mpbbCrypt() throws -> [UInt8] {
        let text = try String(contentsOf: specification, encoding: .utf8)
        let start = try #require(text.range(of: "mpbbCrypt\\[\\] ="))
        let end = try #require(text.range(of: "};", range: start.upperBound..<text.endIndex))
        // Each line reads "1095. 65, 54, …,": the number before the dot is the document's line number.
        return try text[start.upperBound..<end.lowerBound].split(separator: "\n").flatMap { line -> [UInt8] in
            guard let dot = line.firstIndex(of: ".") else { return [] }
            return try line[line.index(after: dot)...].split(separator: ",").compactMap { field in
                let digits = field.trimmingCharacters(in: .whitespaces)
                if digits.isEmpty || digits == "{" { return nil }
                guard let value = UInt8(digits) else { throw ReferenceError.notAByte(digits) }
                return value
            }
        }
    }

    enum ReferenceError: Error { case notAByte(String) }

    @Test(.enabled(if: available, "the MS-PST reference is not at ../shared/reference/: skipped"))
    func encryptsWithTheSpecificationsTable() throws {
        let crypt = try Self.mpbbCrypt()
        try #require(crypt.count == 768)
        var bytes = (0...255).map(UInt8.init)
        Permute.encrypt(&bytes)
        #expect(bytes == Array(crypt[0..<256]))                     // mpbbR
        // mpbbI, the decryption table, undoes it: what a reader applies gets every byte back.
        #expect(bytes.map { crypt[512 + Int($0)] } == (0...255).map(UInt8.init))
    }

    @Test func isAPermutation() {
        var bytes = (0...255).map(UInt8.init)
        Permute.encrypt(&bytes)
        #expect(Set(bytes).count == 256)
        #expect(bytes[0] == 0x41 && bytes[255] == 0x3D)             // the table's first and last entries
    }
}
