import Foundation
import MailModel
import Testing
import TestSupport
@testable import Ingest

/// What an import's arguments expand to: files, and the problems that are inputs too.
struct DiscoveryTests {
    @Test func findsPSTAndOSTRecursivelySorted() throws {
        let scratch = TestSupport.Scratch()
        try scratch.file("b/two.OST", Data([1]))
        try scratch.file("a/one.pst", Data([1]))
        try scratch.file("a/notes.txt", Data([1]))
        let inputs = Discovery.expand([scratch.url.path])
        #expect(inputs.map(\.path) == [scratch.path("a/one.pst"), scratch.path("b/two.OST")])
    }

    @Test func problemsAreInputsToo() throws {
        let scratch = TestSupport.Scratch()
        try FileManager.default.createDirectory(atPath: scratch.path("empty"), withIntermediateDirectories: true)
        let inputs = Discovery.expand([scratch.path("missing.pst"), scratch.path("empty")])
        #expect(inputs == [
            .problem(path: scratch.path("missing.pst"), kind: .notFound, message: "no such file or directory"),
            .problem(path: scratch.path("empty"), kind: .noPSTFiles, message: "no .pst or .ost files in this directory"),
        ])
    }

    @Test func globsAndRelativePaths() throws {
        let scratch = TestSupport.Scratch()
        try scratch.file("x1.pst", Data([1]))
        try scratch.file("x2.pst", Data([1]))
        let inputs = Discovery.expand(["x*.pst", "./x1.pst"], currentDirectory: scratch.url.path)
        #expect(inputs.map(\.path) == [scratch.path("x1.pst"), scratch.path("x2.pst")])
    }
}
