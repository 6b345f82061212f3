import Testing
@testable import Analysis
@testable import Store

/// Work handed to `Background` runs at once on a thread of its own, however many such threads
/// already wait, and its value or error reaches the caller.
struct BackgroundTests {
    /// Each link of the chain waits for the next: twenty waiting at once is more than any
    /// machine here has cores, which a pool of one thread per core could not run.
    static func chain(_ depth: Int) -> Background<Int> {
        Background { () throws(StoreError) in
            depth == 0 ? 0 : try chain(depth - 1).value() + 1
        }
    }

    /// On a dispatch pool the chain ends too, after about a second per link while the pool
    /// grows; on threads of their own, at once. Ten seconds is far from both.
    @Test func moreWaitingWorkThanCoresStartsAtOnce() throws {
        let started = ContinuousClock.now
        #expect(try Self.chain(20).value() == 20)
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test func theValueAndTheErrorReachTheCaller() throws {
        let good = Background { () throws(StoreError) in 42 }
        let bad = Background { () throws(StoreError) -> Int in throw StoreError.other("disk gone") }
        #expect(try good.value() == 42)
        #expect(try good.value() == 42, "asked twice")
        #expect(throws: StoreError.other("disk gone")) { try bad.value() }
    }
}
