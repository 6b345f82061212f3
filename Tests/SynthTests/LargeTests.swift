import Foundation
import Testing
import TestSupport
@testable import Synth
import PSTWriter

@Suite struct LargeTests {
    /// The generator holds only mail scheduled for the next few days, however long the run.
    @Test func memoryDoesNotGrowWithTheMailbox() throws {
        var small = Engine(plan: Plan(.large), target: 5_000, seed: 1)
        try small.run { _ in }
        var big = Engine(plan: Plan(.large), target: 60_000, seed: 1)
        var count = 0
        try big.run { _ in count += 1 }
        #expect(count == 60_000)
        // About two days of mail at most, not a share of the whole.
        #expect(big.peakScheduled < 60_000 / 100)
        #expect(small.peakScheduled < 100)
    }

    @Test func largeStreamsItsTruth() throws {
        let scratch = Scratch()
        let path = scratch.path("large.truth.json")
        let synth = Synthesizer(scenario: .large, messages: 30_000, seed: 2)
        var delivered = 0
        var last = Date.distantPast
        var inOrder = true
        var folders: [FolderRole: Int] = [:]
        let summary = try synth.generate(truthPath: path) { file, folder, message in
            #expect(file == 0)
            delivered += 1
            folders[folder, default: 0] += 1
            if let time = message.deliveryTime {
                if time < last { inOrder = false }
                last = time
            }
        }
        #expect(delivered == 30_000)
        #expect(inOrder)
        // Mail before the final month lives in monthly archive folders, none of them large.
        #expect(folders[.other(["Archive", "2014", "01"])] != nil)
        #expect(folders[.other(["Archive", "2023", "11"])] != nil)
        #expect(folders[.other(["Archive", "2023", "12"])] == nil)
        #expect(folders[.inbox] != nil && folders[.sentItems] != nil)
        #expect(folders.count > 120)
        #expect(folders.values.max()! < 30_000 / 50)
        #expect(summary.messageCount == 30_000)
        let truth = try Truth.load(from: path)
        #expect(truth.messages.count == 30_000)
        #expect(truth.replyPairs.count == summary.replyPairCount)
        #expect(truth.files[0].firstDate!.hasPrefix("2014-01"))
        #expect(truth.files[0].lastDate!.hasPrefix("2023-12"))
        // A bigger mailbox knows more people.
        let steadyHumans = Mailbox.steady.truth.contacts.filter { $0.classification == "internal" }.count
        #expect(truth.contacts.filter { $0.classification == "internal" }.count > steadyHumans)
    }
}
