import Foundation
import Store
import Synchronization

/// Store work started on a thread of its own, whose result is collected later. A thread rather
/// than a global dispatch queue: the queue runs about as many jobs at once as there are cores
/// and adds threads only slowly, so a caller waiting for work it has not started yet waits too
/// (twenty nested waits took 20 s on two cores).
public final class Background<Value: Sendable>: Sendable {
    private let result = Mutex<Result<Value, StoreError>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    public init(_ work: @escaping @Sendable () throws(StoreError) -> Value) {
        Thread { [self] in
            let outcome = Result { () throws(StoreError) in try work() }
            result.withLock { $0 = outcome }
            done.signal()
        }.start()
    }

    /// Waits for the work to end; its error is thrown here.
    public func value() throws(StoreError) -> Value {
        done.wait()
        done.signal()  // for any later call
        return try result.withLock { $0! }.get()
    }
}
