import Foundation
import MailModel
import Synchronization
import Testing

/// Work handed to `Background` runs at once on a thread of its own, however many such threads
/// already wait, and its value or error reaches the caller.
struct BackgroundTests {
    struct Failure: Error, Equatable {
        var reason: String
    }

    /// Each link of the chain waits for the next: twenty waiting at once is more than any
    /// machine here has cores, which a pool of one thread per core could not run.
    static func chain(_ depth: Int) -> Background<Int, Failure> {
        Background { () throws(Failure) in
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
        let good = Background { () throws(Failure) in 42 }
        let bad = Background { () throws(Failure) -> Int in throw Failure(reason: "disk gone") }
        #expect(try good.value() == 42)
        #expect(try good.value() == 42, "asked twice")
        #expect(throws: Failure(reason: "disk gone")) { try bad.value() }
    }

    /// `all` runs every body at once: each waits until all have started, which threads run one
    /// after another, or fewer at once, could never see.
    @Test func allRunsEveryBodyAtOnce() {
        let arrived = Mutex(0)
        let count = 12
        let values = Background<Int, Never>.all(count) {
            let index = arrived.withLock { $0 += 1; return $0 }
            let deadline = ContinuousClock.now + .seconds(20)
            while arrived.withLock({ $0 }) < count && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.001) }
            return arrived.withLock { $0 } == count ? index : -1
        }
        #expect(values.sorted() == Array(1...count))
    }
}
