import Foundation
import Testing
import TestSupport

/// The worker's fault switches exist for the tests (debug builds) only: shipped code neither
/// crashes nor hangs because of a variable in its environment. Checked on the compiled module
/// that holds them: the release build of Ingest (which every release binary links) carries
/// neither the switches' type nor the variable's name, while the debug build the tests run
/// does (so the check would see them if they leaked). `make test` builds the release module
/// (without the optimizer, which could only remove code) in .build-check.
@Suite(.enabled(if: ReleaseBuild.ingestObjects != nil, "no release build of Ingest in .build-check: `make test` builds one"))
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

    /// The object files of `module`: the debug ones in the build folder the tests run from, the
    /// release ones in that folder's check build (`.build-check` beside `.build`, as `make test`
    /// builds it).
    static func objects(of module: String, configuration: String) -> [URL]? {
        let debug = URL(fileURLWithPath: Pstscope.binary).deletingLastPathComponent()
        guard debug.lastPathComponent == "debug" else { return nil }
        var folder = debug.deletingLastPathComponent().appendingPathComponent("\(configuration)/\(module).build")
        if configuration == "release" {
            // The scratch folder is the nearest one named .build…; SwiftPM links `release` in it.
            var scratch = debug
            while !scratch.lastPathComponent.hasPrefix(".build"), scratch.pathComponents.count > 1 {
                scratch.deleteLastPathComponent()
            }
            folder = URL(fileURLWithPath: scratch.path + "-check").appendingPathComponent("release/\(module).build")
        }
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        let objects = files.filter { $0.pathExtension == "o" }
        return objects.isEmpty ? nil : objects
    }

    static func contains(_ objects: [URL], _ marker: String) -> Bool {
        objects.contains { (try? Data(contentsOf: $0))?.range(of: Data(marker.utf8)) != nil }
    }
}
