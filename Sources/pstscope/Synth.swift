import ArgumentParser
import Foundation
import MailModel
import PSTWriter
import Synth

extension FolderLayout: ExpressibleByArgument {}
extension PSTWriter.Encryption: ExpressibleByArgument {}

extension Pstscope {
    struct Synth: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a synthetic mailbox as PST and its ground truth as FILE.truth.json.",
            discussion: "Scenarios: "
                + Scenario.allCases.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")
                + ". A scenario over several files (multi) writes FILE-1.pst, FILE-2.pst, …")

        @Option(help: "The PST to write (FILE.pst).")
        var out: String

        @Option(help: "Messages in the mailbox (default: the scenario's own).")
        var messages: Int?

        @Option(help: "Seed: the same seed gives byte-identical files.")
        var seed: UInt64 = 1

        @Option(help: "steady, gappy, multi, hostile or large.")
        var scenario = "steady"

        @Option(help: "none or compressible (Outlook's default).")
        var encryption: PSTWriter.Encryption = .compressible

        @Option(help: "folders (the scenario's own folders; monthly archives in large) or flat (all mail in Inbox and Sent Items).")
        var layout: FolderLayout = .folders

        @Option(help: "The owner's time zone, an IANA name such as Europe/Berlin (default America/New_York). Correspondents work in zones around the world; everyone's mail is written in their own working hours, with their own UTC offset in its Date: header.")
        var timezone: String?

        func validate() throws {
            if let timezone, Zone(identifier: timezone) == nil {
                throw ValidationError("unknown time zone \(timezone): use an IANA name such as America/Los_Angeles")
            }
            guard Scenario(name: scenario) != nil else {
                throw ValidationError("unknown scenario \(scenario): use " + Scenario.allCases.map(\.name).joined(separator: ", "))
            }
            if let messages, messages < 0 { throw ValidationError("--messages cannot be negative") }
        }

        func run() throws {
            var synth = Synthesizer(scenario: Scenario(name: scenario)!, messages: messages, seed: seed, layout: layout,
                                    timezone: timezone.flatMap { Zone(identifier: $0, years: 2000...2030) })
            let target = URL(fileURLWithPath: out)
            let directory = target.deletingLastPathComponent()
            synth.outputName = target.lastPathComponent
            guard FileManager.default.fileExists(atPath: directory.path) else {
                throw fail("cannot write \(out): directory \(directory.path) does not exist")
            }
            let truthPath = directory.appendingPathComponent(
                target.deletingPathExtension().lastPathComponent + ".truth.json").path
            try refuseForeignFiles(truth: truthPath, pstPaths: synth.fileNames.map { directory.appendingPathComponent($0).path })
            let started = ContinuousClock.now
            do {
                let writers = try synth.fileNames.map {
                    try PSTWriter(path: directory.appendingPathComponent($0).path, displayName: synth.owner.name,
                                  encryption: encryption)
                }
                let summary = try synth.generate(truthPath: truthPath) { file, folder, message in
                    try writers[file].add(message, to: folder)
                }
                for writer in writers { try writer.finish() }
                let seconds = (ContinuousClock.now - started).seconds
                for name in synth.fileNames {
                    let path = directory.appendingPathComponent(name).path
                    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)??.int64Value ?? 0
                    print("wrote \(path) (\(size) bytes)")
                }
                print("wrote \(truthPath): \(summary.messageCount) messages, seed \(seed), scenario \(scenario)"
                      + String(format: ", in %.1f s", seconds))
            } catch {
                try? FileManager.default.removeItem(atPath: truthPath)
                throw fail("cannot write \(out): \(error)")
            }
        }

        /// Synth replaces only what it wrote before: its own truth file, and PSTs beside it.
        private func refuseForeignFiles(truth: String, pstPaths: [String]) throws {
            let exists = { (path: String) in FileManager.default.fileExists(atPath: path) }
            if exists(truth) && !OwnOutput.isTruthFile(truth) {
                throw fail("\(truth) exists and synth did not write it: move it away or choose another --out")
            }
            for path in pstPaths where exists(path) && !OwnOutput.isPST(path, besideTruth: truth) {
                throw fail("\(path) exists and is not a PST synth wrote: move it away or choose another --out")
            }
        }
    }
}
