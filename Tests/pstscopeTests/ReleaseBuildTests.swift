import Foundation
import Testing
import TestSupport

/// The worker's fault switches exist for the tests (debug builds) only: shipped code neither
/// crashes nor hangs because of a variable in its environment. Checked on the compiled module
/// that holds them: the release build of Ingest (which every release binary links) carries
/// neither the switches' type nor the variable's name, while the debug build the tests run
/// does (so the check would see them if they leaked). `make test` builds the release module.
@Suite(.enabled(if: ReleaseBuild.ingestObjects != nil, "no release build of Ingest beside the tests: `make test` builds one"))
struct ReleaseBuildTests {
    @Test func shippedCodeHasNoFaultSwitches() throws {
        let release = try #require(ReleaseBuild.ingestObjects)
        let debug = try #require(ReleaseBuild.objects(of: "Ingest", configuration: "debug"))
        for marker in ["PSTSCOPE_WORKER_FAULT", "11WorkerFault"] {
            #expect(ReleaseBuild.contains(debug, marker), "the debug build holds \(marker): the check can see it")
            #expect(!ReleaseBuild.contains(release, marker), "the release build holds \(marker)")
        }
    }
}

enum ReleaseBuild {
    static let ingestObjects = objects(of: "Ingest", configuration: "release")

    /// The object files of `module` in the build folder the tests run from.
    static func objects(of module: String, configuration: String) -> [URL]? {
        let debug = URL(fileURLWithPath: Pstscope.binary).deletingLastPathComponent()
        guard debug.lastPathComponent == "debug" else { return nil }
        let folder = debug.deletingLastPathComponent().appendingPathComponent("\(configuration)/\(module).build")
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        let objects = files.filter { $0.pathExtension == "o" }
        return objects.isEmpty ? nil : objects
    }

    static func contains(_ objects: [URL], _ marker: String) -> Bool {
        objects.contains { (try? Data(contentsOf: $0))?.range(of: Data(marker.utf8)) != nil }
    }
}
