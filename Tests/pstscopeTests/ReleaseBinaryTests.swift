import Foundation
import Testing
import TestSupport

/// The worker's fault switches exist for the tests (debug builds) only: a shipped binary
/// neither crashes nor hangs because of a variable in its environment.
@Suite(.enabled(if: ReleaseBuild.binary != nil, "no release build beside the tests: `make test` builds one"))
struct ReleaseBinaryTests {
    let scratch = Scratch()

    @Test(arguments: ["crash", "hang"])
    func ignoresTheFaultSwitches(fault: String) throws {
        let sample = SampleCorpus.packageRoot.appendingPathComponent("samples/gappy.pst").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(ReleaseBuild.binary))
        process.arguments = ["import", sample, "--store", scratch.path("store.sqlite"), "--quiet", "--worker-timeout", "20"]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["PSTSCOPE_WORKER_FAULT": fault, "PSTSCOPE_WORKER_FAULT_FILE": "gappy"]) { $1 }
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "the file is read whole, as without the variables")
    }
}

enum ReleaseBuild {
    /// The release binary of the same build folder (`make test` builds it before the tests).
    static let binary: String? = {
        let debug = URL(fileURLWithPath: Pstscope.binary).deletingLastPathComponent()
        guard debug.lastPathComponent == "debug" else { return nil }
        let release = debug.deletingLastPathComponent().appendingPathComponent("release/pstscope").path
        return FileManager.default.isExecutableFile(atPath: release) ? release : nil
    }()
}
