/// Small robust statistics.
public enum Statistics {
    /// By selection, not sorting: Theil–Sen takes the median of up to 80,000 slopes per contact.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        var values = values
        let middle = values.count / 2
        let upper = select(&values, middle)
        guard values.count % 2 == 0 else { return upper }
        // Selection leaves nothing larger before the middle: the lower middle is their maximum.
        return (values[..<middle].max()! + upper) / 2
    }

    /// The `k`-th smallest value (from 0), with no larger value left before index `k` (Hoare's
    /// quickselect with a median-of-three pivot).
    public static func select(_ values: inout [Double], _ k: Int) -> Double {
        var low = 0, high = values.count - 1
        while low < high {
            let a = values[low], b = values[(low + high) / 2], c = values[high]
            let pivot = max(min(a, b), min(max(a, b), c))
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { high = j } else if k >= i { low = i } else { break }
        }
        return values[k]
    }

    public static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// Theil–Sen slope: the median of the slopes between every pair of points. A few outliers
    /// (one huge month, one reply after a holiday) barely move it. Pairs are thinned evenly
    /// beyond `maximumPoints` points, keeping the cost bounded.
    public static func theilSen(_ points: [(x: Double, y: Double)], maximumPoints: Int = 400) -> Double? {
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
