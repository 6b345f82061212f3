import Foundation
import MailModel
import Testing
@testable import Analysis

/// The classification rules on hand-made tallies, each expectation worked out from the rule
/// the documentation states, not from the code.
struct ClassifierTests {
    static let owner: Set<String> = ["corp.example"]

    func tally(sent: Int, received: Int, bulk: Int = 0, ownerReplies: Int = 0) -> ContactTally {
        var tally = ContactTally()
        tally.sentToOwner = sent
        tally.receivedFromOwner = received
        tally.bulkFromContact = bulk
        tally.ownerReplies = Array(repeating: .init(at: 0, seconds: 60, businessSeconds: 60), count: ownerReplies)
        return tally
    }

    @Test func listHeadersOnMostMailMakeAnAutomatedSender() {
        let result = Classifier.classify(tally(sent: 10, received: 0, bulk: 6), address: "digest@shop.example",
                                         ownerDomains: Self.owner)
        #expect(result.classification == .automated)
        // bulk 0.95, noreply-style 0.7 and unanswered volume 0.6 combine: 1 − 0.05 × 0.3 × 0.4.
        #expect(result.confidence == 0.99)
        #expect(result.signals == SenderSignals(bulkHeaders: 0.95, noreplyAddress: 0.7, unansweredVolume: 0.6))
    }

    @Test func aNoReplyAddressAloneIsEnough() {
        let result = Classifier.classify(tally(sent: 2, received: 0), address: "no-reply@bank.example",
                                         ownerDomains: Self.owner)
        #expect(result.classification == .automated && result.confidence == 0.7)
        #expect(!Classifier.isNoReplyStyle("noreen@bank.example"))
        #expect(Classifier.isNoReplyStyle("Notifications+ci@git.example"))
    }

    /// Found by Fuzz/TransportHeaders (Fuzz/regressions/TransportHeaders/combining-mark-after-at):
    /// a From: address whose "@" is followed by a combining mark, which Swift joins with the "@"
    /// into one Character. The address still has its two parts, split at the "@" byte.
    @Test func aCombiningMarkAfterTheAtKeepsBothParts() {
        let address = "no-reply@\u{0658}bank.example"
        #expect(Array(address).contains("@") == false)              // what a Character-level split would miss
        #expect(Classifier.domain(address) == "\u{0658}bank.example")
        #expect(Classifier.isNoReplyStyle(address))
        #expect(Classifier.domain("a@b@c.example") == nil && Classifier.domain("nobody") == nil)
        #expect(IdentityResolver.mailboxName("jane.doe@\u{0301}corp.example") == "jane.doe")
        #expect(IdentityResolver.mailboxName("@corp.example") == nil)
    }

    @Test func fewMessagesAreOneOff() {
        #expect(Classifier.classify(tally(sent: 1, received: 0), address: "a@b.example", ownerDomains: Self.owner)
                == .init(classification: .oneOff, confidence: 0.9, signals: SenderSignals()))
        #expect(Classifier.classify(tally(sent: 1, received: 1), address: "a@b.example", ownerDomains: Self.owner)
                .confidence == 0.7)
    }

    @Test func theOwnersDomainIsInternalOthersExternal() {
        // 10 messages: volume 0.5, so 0.7 + 0.15 inside and 0.5 + 0.225 outside.
        let colleague = Classifier.classify(tally(sent: 5, received: 5), address: "cy@corp.example", ownerDomains: Self.owner)
        #expect(colleague.classification == .internal && colleague.confidence == 0.85)
        let partner = Classifier.classify(tally(sent: 5, received: 5), address: "di@partner.example", ownerDomains: Self.owner)
        #expect(partner.classification == .external && partner.confidence == 0.73)
        // Steady unanswered mail alone (0.6) reaches the automated threshold.
        #expect(Classifier.classify(tally(sent: 5, received: 0), address: "di@partner.example", ownerDomains: Self.owner)
                .classification == .automated)
        #expect(Classifier.classify(tally(sent: 5, received: 0, ownerReplies: 1), address: "di@partner.example",
                                    ownerDomains: Self.owner).classification == .external)
    }

    @Test func importanceWeighsVolumeReciprocityRecencyAndEngagement() {
        // The largest correspondent, balanced, written today, every message answered: 10.
        #expect(Importance.score(total: 50, maximumTotal: 50, reciprocity: 1, recencyDays: 0, answered: 50,
                                 automated: false) == 10)
        // Automated senders keep a third.
        #expect(Importance.score(total: 50, maximumTotal: 50, reciprocity: 1, recencyDays: 0, answered: 50,
                                 automated: true) == 3.33)
        // Only recency, 180 days ago: 10 × 0.2 × e⁻¹.
        #expect(Importance.score(total: 0, maximumTotal: 50, reciprocity: 0, recencyDays: 180, answered: 0,
                                 automated: false) == (2 * exp(-1.0) * 100).rounded() / 100)
    }
}

extension Classifier.Result: Equatable {
    public static func == (a: Self, b: Self) -> Bool {
        a.classification == b.classification && a.confidence == b.confidence && a.signals == b.signals
    }
}
