/// Small robust statistics.
enum Statistics {
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// Theil–Sen slope: the median of the slopes between every pair of points. A few outliers
    /// (one huge month, one reply after a holiday) barely move it. Pairs are thinned evenly
    /// beyond `maximumPoints` points, keeping the cost bounded.
    static func theilSen(_ points: [(x: Double, y: Double)], maximumPoints: Int = 400) -> Double? {
        guard points.count >= 2 else { return nil }
        let step = max(1, points.count / maximumPoints)
        let sample = stride(from: 0, to: points.count, by: step).map { points[$0] }
        var slopes: [Double] = []
        slopes.reserveCapacity(sample.count * (sample.count - 1) / 2)
        for i in 0..<sample.count {
            for j in (i + 1)..<sample.count where sample[j].x != sample[i].x {
                slopes.append((sample[j].y - sample[i].y) / (sample[j].x - sample[i].x))
            }
        }
        return median(slopes)
    }
}
