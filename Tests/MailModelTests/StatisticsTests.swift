import Testing
@testable import MailModel

/// The selection-based median agrees with sorting, duplicates, odd and even counts included.
struct StatisticsTests {
    static func sortedMedian(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    @Test func medianAgreesWithSorting() {
        #expect(Statistics.median([]) == nil)
        #expect(Statistics.median([3]) == 3)
        #expect(Statistics.median([4, 1]) == 2.5)
        #expect(Statistics.median([5, 5, 5, 1, 9, 5]) == 5)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let count = Int.random(in: 1...300, using: &generator)
            let distinct = Int.random(in: 1...50, using: &generator)  // few distinct values: many ties
            let values = (0..<count).map { _ in Double(Int.random(in: 0..<distinct, using: &generator)) * 0.5 - 7 }
            #expect(Statistics.median(values) == Self.sortedMedian(values), "\(values)")
        }
    }

    @Test func theilSenIgnoresOneOutlier() {
        let points = (0..<20).map { (x: Double($0), y: 2 * Double($0) + 1) } + [(x: 20, y: 500)]
        #expect(Statistics.theilSen(points) == 2)
    }
}
