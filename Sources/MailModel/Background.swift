import Foundation
import Synchronization

/// Work started on a thread of its own, whose result is collected later. A thread rather than
/// a global dispatch queue: the queue runs about as many jobs at once as there are cores and
/// adds threads only slowly, so a caller waiting for work it has not started yet waits too
/// (twenty nested waits took 20 s on two cores), and reader threads that mostly wait for their
/// worker processes would run no more at once than the machine has cores.
public final class Background<Value: Sendable, Failure: Error & Sendable>: Sendable {
    private let result = Mutex<Result<Value, Failure>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    public init(_ work: @escaping @Sendable () throws(Failure) -> Value) {
        Thread { [self] in
            let outcome = Result { () throws(Failure) in try work() }
            result.withLock { $0 = outcome }
            done.signal()
        }.start()
    }

    /// Waits for the work to end; its error is thrown here.
    public func value() throws(Failure) -> Value {
        done.wait()
        done.signal()  // for any later call
        return try result.withLock { $0! }.get()
    }
}

extension Background where Failure == Never {
    /// Runs `body` on `count` threads at once and returns when all have ended.
    public static func all(_ count: Int, _ body: @escaping @Sendable () -> Value) -> [Value] {
        (0..<count).map { _ in Background(body) }.map { $0.value() }
    }
}
