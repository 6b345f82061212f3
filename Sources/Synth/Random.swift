import Foundation

/// SplitMix64: turns one 64-bit seed into well-mixed state words ([Steele, Lea, Flood 2014]).
struct SplitMix64 {
    private(set) var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256** seeded through SplitMix64. Our own generator, and our own range and
/// distribution helpers, so that a seed gives the same mailbox on every platform and toolchain
/// (the standard library's `random(in:)` algorithms are not promised to stay the same).
struct SeededRandom {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    init(seed: UInt64) {
        var mix = SplitMix64(seed: seed)
        s0 = mix.next(); s1 = mix.next(); s2 = mix.next(); s3 = mix.next()
    }

    /// An independent stream for one purpose (e.g. one message's body), so that changing how
    /// much randomness that purpose uses does not shift everything generated after it.
    static func derived(seed: UInt64, stream: UInt64) -> SeededRandom {
        var mix = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        return SeededRandom(seed: mix.next())
    }

    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform in [0, 1), 53 bits.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in 0..<n, unbiased (Lemire's multiply-and-reject).
    mutating func below(_ n: Int) -> Int {
        precondition(n > 0)
        let bound = UInt64(n)
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
        }
        return Int(product.high)
    }

    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// Standard normal (Box–Muller).
    mutating func normal() -> Double {
        let u1 = 1 - unit()
        let u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Log-normal with the given median: the usual shape of human response times.
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * exp(sigma * normal())
    }

    /// Rounds a non-negative expectation to an integer whose mean is that expectation,
    /// with the least possible spread.
    mutating func count(expected: Double) -> Int {
        guard expected > 0 else { return 0 }
        let whole = expected.rounded(.down)
        return Int(whole) + (chance(expected - whole) ? 1 : 0)
    }

    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, below(i + 1))
        }
    }

    mutating func bytes(_ n: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(n)
        while out.count < n {
            var word = next()
            for _ in 0..<8 where out.count < n {
                out.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        return out
    }

    /// `digits` lower-case hex digits (at most 16), from one draw.
    mutating func hex(_ digits: Int) -> String {
        precondition(digits <= 16)
        let alphabet = Array("0123456789abcdef".utf8)
        var word = next()
        var out: [UInt8] = []
        out.reserveCapacity(digits)
        for _ in 0..<digits {
            out.append(alphabet[Int(word & 0x0F)])
            word >>= 4
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Picks an index with probability proportional to its weight (cumulative table, binary search).
struct WeightedTable: Sendable {
    private let cumulative: [Double]

    init(_ weights: [Double]) {
        var running = 0.0
        cumulative = weights.map { running += max(0, $0); return running }
    }

    var isEmpty: Bool { (cumulative.last ?? 0) <= 0 }

    func pick(_ rng: inout SeededRandom) -> Int {
        let target = rng.unit() * cumulative[cumulative.count - 1]
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > target { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
