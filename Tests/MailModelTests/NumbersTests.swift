import Foundation
import Testing
@testable import MailModel

/// Rounding and fixed-point text, checked against values worked out by hand.
struct NumbersTests {
    @Test func roundsToPlacesHalvesAwayFromZero() {
        #expect(0.125.rounded(toPlaces: 2) == 0.13)
        #expect((-0.125).rounded(toPlaces: 2) == -0.13)
        #expect((0.1 + 0.2).rounded(toPlaces: 2) == 0.3)
        #expect(1234.5678.rounded(toPlaces: 1) == 1234.6)
        #expect(2.0004.rounded(toPlaces: 3) == 2.0)
        #expect(7.5.rounded(toPlaces: 0) == 8)
    }

    @Test func fixedTextHasNoNaNOrInfinity() {
        #expect(3.14159.fixed(2) == "3.14")
        #expect(2.5.fixed(0) == "2")  // printf rounds halves to even
        #expect(Double.nan.fixed(1) == "0.0")
        #expect(Double.infinity.fixed(0) == "0")
        #expect((-0.04).fixed(1) == "-0.0")
    }
}
