import Foundation
import PSTReader
import PSTWriter
import Synth
import Testing
import TestSupport

/// Synthetic files number their messages as Outlook does: as they arrive.
struct OutlookOrderTests {
    let scratch = Scratch()

    @Test(arguments: [(Scenario.gappy, FolderLayout.folders), (.large, .folders), (.large, .flat)])
    func messageIdsAscendWithDeliveryTime(scenario: Scenario, layout: FolderLayout) throws {
        let path = scratch.path("mailbox.pst")
        var synth = Synthesizer(scenario: scenario, messages: 1_500, seed: 5, layout: layout)
        synth.outputName = "mailbox.pst"
        let writer = try PSTWriter(path: path)
        _ = try synth.generate { _, folder, message in try writer.add(message, to: folder) }
        try writer.finish()

        // The node ids the file holds, from its own B-tree; the delivery times, from libpff.
        let tree = try NodeBTree(path: path)
        let messageIDs = tree.entries.filter { $0.type == 0x04 }.map(\.nid)
        var delivered: [UInt32: Date] = [:]
        var folders: Set<String> = []
        try PSTFile(path: path).read { event in
            guard case .item(let item) = event, item.messageClass != "IPM.Contact" else { return }
            delivered[item.identifier] = item.deliveryTime
            folders.insert(item.folderPath)
        }
        #expect(messageIDs.count >= 1_500)
        #expect(Set(delivered.keys).isSubset(of: Set(messageIDs)))
        #expect(delivered.count == 1_500)

        // Ascending ids are ascending delivery: no message arrived before one numbered below it.
        let times = messageIDs.compactMap { delivered[$0] }
        let outOfOrder = zip(times, times.dropFirst()).filter { $0 > $1 }.count
        #expect(outOfOrder == 0)
        // One counter for every folder: the ids run without holes from the first.
        #expect(messageIDs.first.map { $0 >> 5 } == 0x10000)
        #expect(zip(messageIDs, messageIDs.dropFirst()).allSatisfy { $1 >> 5 == ($0 >> 5) + 1 })
        #expect(tree.nextIndex[4] == ((messageIDs.last ?? 0) >> 5) + 1)
        if layout == .flat {
            #expect(folders == ["Top of Personal Folders/Inbox", "Top of Personal Folders/Sent Items"])
        } else {
            #expect(folders.count > 2)
        }
    }
}
