import Foundation
import GRDB
import Testing
import TestSupport
@testable import Synth

/// Damaged copies of the sample mailboxes (the short, fixed-seed form of `make fuzz`). Each
/// import of one ends with exit 0 or 2, or 1 with exactly one error line, never by a signal nor
/// a hang; every store passes SQLite's integrity check; and one run of all of them with the clean
/// files keeps every clean file's mail, counted from the ground truth and the manifest.
struct MutatedFileTests {
    let scratch = Scratch()
    static let seed: UInt64 = 0x5EED_2026
    static let count = 30
    /// A run that outlasts this is a hang. Workers are stopped long before, by --worker-timeout.
    static let runLimit: Duration = .seconds(180)
    static let workerTimeout = ["--worker-timeout", "30"]

    /// A clean file and the emails it holds, as something other than pstscope counted them.
    struct Original {
        let path: String
        let emails: Int
    }

    /// The committed synthetic samples (emails from their truth: plain messages, meeting requests
    /// count apart), then the real samples when present (emails from the manifest).
    static func originals() throws -> [Original] {
        let samples = SampleCorpus.packageRoot.appendingPathComponent("samples")
        var originals: [Original] = []
        for stem in ["steady", "gappy", "multi", "hostile"] {
            let truth = try Truth.load(from: samples.appendingPathComponent("\(stem).truth.json").path)
            for file in truth.files {
                let emails = truth.messages.filter { $0.files.contains(file.index) && $0.messageClass == "IPM.Note" }.count
                originals.append(Original(path: samples.appendingPathComponent(file.name).path, emails: emails))
            }
        }
        if !SampleCorpus.isAvailable { print(SampleCorpus.missingMessage) }
        return originals + SampleCorpus.entries.map { Original(path: $0.path, emails: $0.libpffOpens ? $0.emails : 0) }
    }

    struct Mutant {
        let path: String
        let damage: FileDamage
        let original: String
    }

    /// File i takes the damages in turn, an original at random, and a generator of its own.
    func mutants(of originals: [Original]) throws -> [Mutant] {
        try (0..<Self.count).map { index in
            var rng = SeededRandom.derived(seed: Self.seed, stream: UInt64(index))
            let damage = FileDamage.allCases[index % FileDamage.allCases.count]
            let original = originals[rng.below(originals.count)].path
            let bytes = damage.apply(to: Array(try Data(contentsOf: URL(fileURLWithPath: original))), &rng)
            let name = String(format: "%02d-%@-%@", index, damage.rawValue, URL(fileURLWithPath: original).lastPathComponent)
            return Mutant(path: try scratch.file("mutated/\(name)", Data(bytes)), damage: damage, original: original)
        }
    }

    @Test func damagedFilesFailCleanlyAndCostTheCleanFilesNothing() throws {
        let originals = try Self.originals()
        let mutants = try mutants(of: originals)

        let alone = try runAll(mutants.map { mutant in
            { () throws -> Outcome in
                let store = scratch.path("alone/\(URL(fileURLWithPath: mutant.path).lastPathComponent).sqlite")
                return try importWithinLimit([mutant.path], store: store)
            }
        })
        for (mutant, outcome) in zip(mutants, alone) {
            expectClean(outcome, "\(mutant.damage.rawValue) of \(mutant.original): \(mutant.path)")
        }

        // The damaged files first: a damaged copy met before its original must not cost it mail.
        let store = scratch.path("all.sqlite")
        let together = try importWithinLimit(mutants.map(\.path) + originals.map(\.path), store: store)
        expectClean(together, "all files in one run")
        guard together.integrity == "ok" else { return }
        for original in originals {
            #expect(try emails(of: original.path, in: store) == original.emails, "\(original.path)")
        }
    }

    // MARK: Runs

    struct Outcome: Sendable {
        let result: CommandResult
        let exitedNormally: Bool
        let timedOut: Bool
        /// SQLite's integrity check of the run's store; nil when the run wrote none.
        let integrity: String?
    }

    func expectClean(_ outcome: Outcome, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let result = outcome.result
        #expect(!outcome.timedOut, "hang: \(what)", sourceLocation: sourceLocation)
        #expect(outcome.exitedNormally, "killed by signal \(result.status): \(what)", sourceLocation: sourceLocation)
        let clear = result.status == 0 || result.status == 2 || (result.status == 1 && result.errorLines.count == 1)
        #expect(clear, "exit \(result.status), \(result.errorLines.count) error lines: \(what)\n\(result.stderr)",
                sourceLocation: sourceLocation)
        #expect(outcome.integrity == "ok" || (outcome.integrity == nil && result.status == 1),
                "integrity_check \(outcome.integrity ?? "(no store)"): \(what)", sourceLocation: sourceLocation)
    }

    /// Imports `paths` into `store`, killing the run at the limit; then checks the store.
    func importWithinLimit(_ paths: [String], store: String) throws -> Outcome {
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: store).deletingLastPathComponent().path, withIntermediateDirectories: true)
        let capture = scratch.path("output-\(UUID().uuidString)")
        let process = try Pstscope.launch(
            ["import"] + paths + ["--store", store] + Self.workerTimeout,
            stdout: URL(fileURLWithPath: capture + ".out"), stderr: URL(fileURLWithPath: capture + ".err"))
        let deadline = ContinuousClock.now + Self.runLimit
        while process.isRunning && ContinuousClock.now < deadline { usleep(50_000) }
        let timedOut = process.isRunning
        // A hang fails the test; the run's workers end on their next write to its closed pipe.
        if timedOut { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let read = { (suffix: String) in
            String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: capture + suffix))) ?? Data(), as: UTF8.self)
        }
        let result = CommandResult(status: process.terminationStatus, stdout: read(".out"), stderr: read(".err"))
        return Outcome(result: result, exitedNormally: process.terminationReason == .exit, timedOut: timedOut,
                       integrity: try integrity(of: store))
    }

    func integrity(of store: String) throws -> String? {
        guard FileManager.default.fileExists(atPath: store) else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: store, configuration: configuration).read {
            try String.fetchAll($0, sql: "PRAGMA integrity_check").joined(separator: "; ")
        }
    }

    /// The emails read from `path`: its sightings, or those of the input it was skipped as a copy of.
    func emails(of path: String, in store: String) throws -> Int {
        try DatabaseQueue(path: store).read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM session_files f JOIN sightings s
                    ON s.session_id = f.session_id AND s.source_file_id = f.source_file_id
                WHERE f.path = ? AND s.kind = 'email'
                """, arguments: [path]) ?? 0
        }
    }

    /// Runs the jobs as many at a time as there are cores.
    func runAll(_ jobs: [@Sendable () throws -> Outcome]) throws -> [Outcome] {
        let results = Results(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            results.set(index, Result { try jobs[index]() })
        }
        return try results.all()
    }

    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result<Outcome, any Error>?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ result: Result<Outcome, any Error>) {
            lock.withLock { slots[index] = result }
        }

        func all() throws -> [Outcome] {
            try lock.withLock { try slots.map { try $0!.get() } }
        }
    }
}
