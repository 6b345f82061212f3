import Foundation
import Store
import Synth
import Testing
@testable import Analysis

/// Sender analytics measured against the ground truth of generated mailboxes.
@Suite struct SenderAccuracyTests {
    @Test(arguments: [(Scenario.steady, UInt64(41)), (.steady, 42), (.gappy, 43)])
    func matchesTheGroundTruth(scenario: Scenario, seed: UInt64) throws {
        let synthetic = try SyntheticStore(scenario, seed: seed)
        let truth = synthetic.truth
        let profiles = Dictionary(uniqueKeysWithValues: try synthetic.store.senderProfiles().map { ($0.email, $0) })

        // Per-contact counts, exactly.
        let expected = truth.contacts.filter { $0.sentToOwner + $0.receivedFromOwner > 0 }
        #expect(Set(profiles.keys) == Set(expected.map(\.address)))
        for contact in expected {
            let profile = try #require(profiles[contact.address])
            #expect(profile.sentToOwner == contact.sentToOwner, "\(contact.address) sent")
            #expect(profile.receivedFromOwner == contact.receivedFromOwner, "\(contact.address) received")
        }

        // Reply pairs, exactly, where In-Reply-To exists (every pair whose parent is in the mailbox).
        let stored = try synthetic.store.replyPairs()
        let ours = Set(stored.filter { $0.matchedBy == .inReplyTo }.map { "\($0.parentMessageID!) \($0.replyMessageID!)" })
        let theirs = Set(truth.replyPairs.map { "\($0.parentMessageID) \($0.replyMessageID)" })
        #expect(ours == theirs)

        // Median response times, per contact and direction, within 1%.
        let senderOf = Dictionary(uniqueKeysWithValues: truth.messages.map { ($0.messageID, $0.senderAddress) })
        var ownerAnswers: [String: [Double]] = [:], theirAnswers: [String: [Double]] = [:]
        for pair in truth.replyPairs {
            let hours = Double(pair.delaySeconds) / 3600
            if pair.replier == truth.owner.address {
                ownerAnswers[senderOf[pair.parentMessageID]!!, default: []].append(hours)
            } else {
                theirAnswers[pair.replier, default: []].append(hours)
            }
        }
        var compared = 0
        for (address, delays) in ownerAnswers {
            let median = try #require(Self.sortedMedian(delays))
            let ours = try #require(profiles[address]?.ownerResponseMedianHours, "\(address)")
            #expect(abs(ours - median) <= max(0.01 * median, 0.001), "\(address): \(ours) vs \(median)")
            compared += 1
        }
        for (address, delays) in theirAnswers {
            let median = try #require(Self.sortedMedian(delays))
            let ours = try #require(profiles[address]?.contactResponseMedianHours, "\(address)")
            #expect(abs(ours - median) <= max(0.01 * median, 0.001), "\(address): \(ours) vs \(median)")
            compared += 1
        }
        #expect(compared >= 20)

        // Automated senders: recall at least 0.95; no frequent human called automated.
        let automated = expected.filter { $0.classification == "automated" }
        let found = automated.filter { profiles[$0.address]?.classification == .automated }
        #expect(!automated.isEmpty)
        #expect(Double(found.count) >= 0.95 * Double(automated.count), "\(automated.map(\.address))")
        for contact in expected where ["internal", "external"].contains(contact.classification)
            && contact.sentToOwner + contact.receivedFromOwner >= 10 {
            #expect(profiles[contact.address]?.classification != .automated, "\(contact.address)")
        }
        // The rest of the classes agree too, for people with enough mail to tell.
        for contact in expected where contact.sentToOwner + contact.receivedFromOwner >= 10 {
            #expect(profiles[contact.address]?.classification.rawValue == contact.classification, "\(contact.address)")
        }
    }

    /// The median by sorting: independent of the selection the analysis uses.
    static func sortedMedian(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
