import MailModel
import Foundation
import Store
import Synth
import Testing
import Workdays
@testable import Analysis

/// Gap detection measured against the ground truth of generated mailboxes.
@Suite struct GapAccuracyTests {
    static let calendar = BusinessCalendar(years: 2020...2024)

    /// Business days in [earlier, later): 0 between a Saturday and the Monday after it.
    static func businessDistance(_ a: String, _ b: String) -> Int {
        let x = Day(iso: a)!, y = Day(iso: b)!
        let (low, high) = x < y ? (x, y) : (y, x)
        return low == high ? 0 : calendar.businessDays(low...high.advanced(by: -1))
    }

    /// Every injected gap of 3 or more business days is found in the mailbox, each end within
    /// one business day (recall 1.0).
    func expectRecall(_ synthetic: SyntheticStore) throws {
        let mailbox = try synthetic.mailbox
        for truth in synthetic.truth.gaps where truth.kind != "leave" && truth.businessDays >= 3 {
            let found = mailbox.gaps.first { $0.endDay >= truth.start && $0.startDay <= truth.end }
            let gap = try #require(found, "missed \(truth.kind) \(truth.start)…\(truth.end); found \(mailbox.gaps.map { "\($0.startDay)…\($0.endDay)" })")
            #expect(Self.businessDistance(gap.startDay, truth.start) <= 1, "start \(gap.startDay) vs \(truth.start)")
            #expect(Self.businessDistance(gap.endDay, truth.end) <= 1, "end \(gap.endDay) vs \(truth.end)")
            #expect(gap.severity >= .moderate)
        }
    }

    /// No gap of severity moderate or above, for any entity, lies outside an injected gap,
    /// leave or uncovered range (precision 1.0).
    func expectPrecision(_ synthetic: SyntheticStore) throws {
        for entity in try synthetic.entities {
            for gap in entity.gaps where gap.severity >= .moderate {
                let explained = synthetic.truth.gaps.contains { gap.endDay >= $0.start && gap.startDay <= $0.end }
                #expect(explained, "\(entity.contact.isEmpty ? "mailbox" : entity.contact): \(gap.severity) gap \(gap.startDay)…\(gap.endDay), expected \(gap.expectedMessages), \(gap.context)")
            }
        }
    }

    @Test(arguments: [UInt64(11), 12]) func gappy(seed: UInt64) throws {
        let synthetic = try SyntheticStore(.gappy, seed: seed)
        #expect(synthetic.truth.gaps.filter { $0.kind == "gap" }.count >= 6)
        try expectRecall(synthetic)
        try expectPrecision(synthetic)
        let mailbox = try synthetic.mailbox
        #expect(mailbox.completenessScore < 99 && mailbox.completenessScore > 70, "\(mailbox.completenessScore)")
        // Incoming mail lost while the owner kept sending: found, and said so.
        let inbound = try #require(synthetic.truth.gaps.first { $0.kind == "inbound" })
        let found = try #require(mailbox.gaps.first { $0.startDay <= inbound.end && $0.endDay >= inbound.start })
        #expect(found.context == .suspicious && found.severity >= .moderate)
        #expect(found.recommendation.hasPrefix("No incoming mail from \(found.startDay) to \(found.endDay)"))
        #expect((found.evidence.ownerSent ?? 0) > 0)
    }

    @Test(arguments: [UInt64(21), 22]) func multi(seed: UInt64) throws {
        let synthetic = try SyntheticStore(.multi, seed: seed)
        try expectRecall(synthetic)
        try expectPrecision(synthetic)
        // The range no PST covers is reported as such, with that advice.
        let uncovered = try #require(synthetic.truth.gaps.first { $0.kind == "uncovered" })
        let gap = try #require(try synthetic.mailbox.gaps.first { $0.endDay >= uncovered.start && $0.startDay <= uncovered.end })
        #expect(gap.context == .suspicious)
        #expect(gap.recommendation.hasPrefix("No imported PST covers \(gap.startDay) to \(gap.endDay): look for another PST or archive of"))
        #expect(gap.evidence.coverage == .none)
    }

    @Test(arguments: [UInt64(31), 32]) func steadyHasNoFalseAlarms(seed: UInt64) throws {
        let synthetic = try SyntheticStore(.steady, seed: seed)
        let entities = try synthetic.entities
        #expect(entities.count > 10)
        for entity in entities where entity.messages >= 200 {
            let serious = entity.gaps.filter { $0.severity > .minor }
            #expect(serious.isEmpty, "\(entity.contact.isEmpty ? "mailbox" : entity.contact): \(serious.map { "\($0.startDay)…\($0.endDay) \($0.severity) \($0.expectedMessages)" })")
        }
        #expect(try synthetic.mailbox.completenessScore > 99)
    }
}
