import Foundation
import Testing
@testable import Synth

@Suite struct MultiTests {
    let mailbox = Mailbox.multi

    @Test func threeFilesWithOverlappingRanges() {
        #expect(mailbox.synthesizer.fileCount == 3)
        let files = mailbox.truth.files
        #expect(files.map(\.index) == [0, 1, 2])
        #expect(files.map(\.name) == ["multi-1.pst", "multi-2.pst", "multi-3.pst"])
        // Files 0 and 1 overlap.
        #expect(files[1].firstDate! < files[0].lastDate!)
        for file in files {
            let delivered = mailbox.deliveries.filter { $0.file == file.index }
            #expect(delivered.count == file.messageCount)
            let days = delivered.map { dayString($0.message.deliveryTime!) }
            #expect(days.min() == file.firstDate)
            #expect(days.max() == file.lastDate)
            // Within one file, each message appears once.
            #expect(Set(delivered.map(\.message.messageID)).count == delivered.count)
        }
    }

    @Test func overlapHoldsCrossFileDuplicates() {
        let shared = mailbox.truth.messages.filter { $0.files.count == 2 }
        #expect(shared.count > 100)
        #expect(shared.allSatisfy { $0.files == [0, 1] })
        let overlapStart = mailbox.truth.files[1].firstDate!, overlapEnd = mailbox.truth.files[0].lastDate!
        for message in shared {
            let day = dayString(message.deliveryTime!)
            #expect(overlapStart <= day && day <= overlapEnd)
        }
        // The writer receives the very same message once for each file.
        let byID = Dictionary(grouping: mailbox.deliveries, by: { $0.message.messageID! })
        for message in shared {
            let copies = byID[message.messageID]!
            #expect(copies.map(\.file) == [0, 1])
            #expect(copies[0].message == copies[1].message)
            #expect(copies[0].folder == copies[1].folder)
        }
        // Outside the overlap, one file each.
        #expect(mailbox.truth.messages.filter { $0.files.count == 1 }.count > 1_000)
        #expect(mailbox.deliveries.count == mailbox.truth.messages.count + shared.count)
        #expect(mailbox.truth.messages.allSatisfy { !$0.files.isEmpty })
    }

    @Test func uncoveredRangeHasNoMailInAnyFile() {
        let uncovered = mailbox.truth.gaps.filter { $0.kind == "uncovered" }
        #expect(uncovered.count == 1)
        let range = uncovered[0]
        let days = Set(dayStrings(from: range.start, to: range.end))
        #expect((20...35).contains(days.count))
        #expect(range.businessDays >= 15)
        let inside = mailbox.deliveries.filter {
            days.contains(dayString($0.message.deliveryTime!)) || days.contains(dayString($0.message.submitTime!))
        }
        #expect(inside.map(\.message.messageID) == [])
        // No file's range reaches into it.
        for file in mailbox.truth.files {
            #expect(file.lastDate! < range.start || file.firstDate! > range.end)
        }
    }
}
