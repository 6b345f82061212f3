import Foundation
import PSTReader
import PSTWriter
import Synth
import Testing
import TestSupport

/// A file whose data ends exactly at the end of an allocation section (253,952 bytes each,
/// after the first 0x4400): the writer once trapped there, padding to an end it had already
/// reached. This mailbox, found by the gap-accuracy benchmark, ends so.
struct SectionEndTests {
    let scratch = Scratch()

    @Test func dataEndingAtASectionEndStillFinishes() throws {
        let path = scratch.path("gappy.pst")
        var synth = Synthesizer(scenario: .gappy, messages: 3_000, seed: 9)
        synth.outputName = "gappy.pst"
        let writer = try PSTWriter(path: path)
        let truth = try synth.generate { _, folder, message in try writer.add(message, to: folder) }
        try writer.finish()
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber).int64Value
        #expect((size - 0x4400) % 253_952 == 0)
        var items = 0
        try PSTFile(path: path).read { event in
            if case .item(let item) = event, item.messageClass != "IPM.Contact" { items += 1 }
        }
        #expect(items == truth.messages.count)
    }
}
