import Foundation
import Testing
import TestSupport

/// The store, its -wal, -shm and lock files, and every report and demo file are the owner's
/// alone (0600 files, 0700 directories), even under a umask that would share them.
@Suite struct PrivateFilesTests {
    let scratch = Scratch()
    static let samples = SampleCorpus.packageRoot.appendingPathComponent("samples")
    /// Runs pstscope under umask 000, which left alone would make every file world-writable.
    static let openUmask = ["/bin/sh", "-c", "umask 000; exec \"$0\" \"$@\""]

    func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }

    @Test func theStoreAndItsCompanionsWhileAnImportRuns() throws {
        let store = scratch.path("store.sqlite")
        let process = try Pstscope.launch(
            ["import", Self.samples.appendingPathComponent("gappy.pst").path, "--store", store, "--quiet",
             "--batch-size", "20", "--max-rate", "100"],
            prefix: Self.openUmask, stderr: URL(fileURLWithPath: scratch.path("stderr")))
        defer { if process.isRunning { process.terminate() }; process.waitUntilExit() }
        let companions = [store, store + "-wal", store + "-shm", store + ".lock"]
        let deadline = Date().addingTimeInterval(30)
        while !companions.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        for path in companions {
            #expect(mode(path) == 0o600, "\(path): \(String(mode(path) ?? -1, radix: 8))")
        }
    }

    @Test func reportAndDemoOutputs() throws {
        let out = scratch.path("demo/nested")
        let result = try Pstscope.run(["demo", "--out", out, "--samples", Self.samples.path], prefix: Self.openUmask)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(mode(scratch.path("demo")) == 0o700)
        var checked = 0
        let enumerator = FileManager.default.enumerator(atPath: out)
        #expect(mode(out) == 0o700)
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: "\(out)/\(name)", isDirectory: &isDirectory)
            #expect(mode("\(out)/\(name)") == (isDirectory.boolValue ? 0o700 : 0o600), "\(name)")
            checked += 1
        }
        // The store, the session and gap files, three HTML reports, the workbook, JSON, and CSVs.
        #expect(checked > 15)
        #expect(FileManager.default.fileExists(atPath: "\(out)/csv"))
    }
}
