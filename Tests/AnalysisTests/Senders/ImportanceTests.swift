import Foundation
import Testing
@testable import Analysis

/// The importance score, one component at a time, from its documented formula
/// 10 × (0.4 volume + 0.25 reciprocity + 0.2 recency + 0.15 engagement), rounded to 2 places,
/// with volume = ln(1 + mail) / ln(1 + the largest), recency = exp(-days / 180), engagement =
/// answered / mail (at most 1), and a third for automated senders. (ClassifierTests covers the
/// top score, the automated third and recency at 180 days.)
struct ImportanceTests {
    func score(total: Int = 0, maximumTotal: Int = 0, reciprocity: Double = 0, recencyDays: Int? = nil,
               answered: Int = 0, automated: Bool = false) -> Double {
        Importance.score(total: total, maximumTotal: maximumTotal, reciprocity: reciprocity, recencyDays: recencyDays,
                         answered: answered, automated: automated)
    }

    @Test func nothingScoresZero() {
        #expect(score() == 0)
        // No largest correspondent to compare with: no volume, whatever the mail.
        #expect(score(total: 3, maximumTotal: 0) == 0)
    }

    /// Volume is logarithmic: 9 messages against a largest of 99 is ln 10 / ln 100 = 1/2, so 10 × 0.4 × 0.5.
    @Test func volumeIsTheLogarithmicShareOfTheLargest() {
        #expect(score(total: 9, maximumTotal: 99) == 2)
        #expect(score(total: 99, maximumTotal: 99) == 4)
        // 1 of 1023: ln 2 / ln 1024 = 1/10, so 0.4.
        #expect(score(total: 1, maximumTotal: 1023) == 0.4)
    }

    @Test func reciprocityWeighsAQuarter() {
        #expect(score(reciprocity: 0.6) == 1.5)
        #expect(score(reciprocity: 1) == 2.5)
    }

    /// exp(-90 / 180) = 0.60653…, so 10 × 0.2 × 0.60653 = 1.213 → 1.21; no last message, no recency.
    @Test func recencyDecaysOverHalfAYear() {
        #expect(score(recencyDays: 0) == 2)
        #expect(score(recencyDays: 90) == 1.21)
        #expect(score(recencyDays: 360) == 0.27)  // 2 e⁻² = 0.2707
        #expect(score(recencyDays: nil) == 0)
    }

    /// 4 of 10 answered: 0.15 × 0.4; more answers than messages count as all answered.
    @Test func engagementIsTheShareAnsweredAtMostAll() {
        #expect(score(total: 10, maximumTotal: 10, answered: 4) == 4.6)
        #expect(score(total: 10, maximumTotal: 10, answered: 25) == 5.5)
        #expect(score(total: 0, maximumTotal: 10, answered: 3) == 0)
    }

    /// Everything together: 10 × (0.4 × 0.5 + 0.25 × 0.5 + 0 + 0.15 × 1/3) = 3.75; automated, 1.25.
    @Test func componentsAddUpAndAutomatedKeepsAThird() {
        #expect(score(total: 9, maximumTotal: 99, reciprocity: 0.5, answered: 3) == 3.75)
        #expect(score(total: 9, maximumTotal: 99, reciprocity: 0.5, answered: 3, automated: true) == 1.25)
    }
}
