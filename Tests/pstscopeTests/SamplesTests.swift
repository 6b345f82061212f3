import Foundation
import Testing
import TestSupport

/// The PSTs in samples/ are exactly what `pstscope synth` makes from samples/seeds: they are
/// generated, not edited, and the generator is deterministic.
struct SamplesTests {
    let scratch = Scratch()

    struct Spec: Sendable, CustomTestStringConvertible {
        var scenario: String
        var messages: String
        var seed: String
        var testDescription: String { "\(scenario) \(messages) \(seed)" }
    }

    static let samples = SampleCorpus.packageRoot.appendingPathComponent("samples")

    static let specs: [Spec] = {
        let text = (try? String(contentsOf: samples.appendingPathComponent("seeds"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let fields = line.split(separator: " ").map(String.init)
            return Spec(scenario: fields[0], messages: fields[1], seed: fields[2])
        }
    }()

    @Test func everyScenarioButLargeHasASample() {
        #expect(Set(Self.specs.map(\.scenario)) == ["steady", "gappy", "multi", "hostile"])
    }

    @Test(arguments: specs)
    func sampleIsRegeneratedByteForByte(spec: Spec) throws {
        let result = try Pstscope.run(["synth", "--out", scratch.path("\(spec.scenario).pst"), "--scenario", spec.scenario,
                                       "--messages", spec.messages, "--seed", spec.seed])
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).sorted()
        #expect(!names.isEmpty)
        for name in names {
            let committed = Self.samples.appendingPathComponent(name)
            #expect(FileManager.default.fileExists(atPath: committed.path), "samples/\(name) is missing: run make samples")
            let regenerated = try Data(contentsOf: scratch.url.appendingPathComponent(name))
            let original = try Data(contentsOf: committed)
            let identical = regenerated == original  // a Bool: a mismatch is reported without a byte diff
            #expect(identical, "samples/\(name) differs from what synth makes: run make samples")
            #expect(original.count < 4 << 20)
        }
    }
}
