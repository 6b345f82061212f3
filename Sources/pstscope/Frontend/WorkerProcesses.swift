import ArgumentParser
import Foundation
import Ingest

/// This binary, to run as the import's worker processes.
func selfExecutable() throws -> String {
    do {
        return try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    } catch {
        throw fail("cannot find this program's own executable to start workers (use --in-process): \(error.localizedDescription)")
    }
}

/// Ctrl-C and SIGTERM stop the run after the current item; what was read is kept.
enum StopSignal {
    nonisolated(unsafe) private static var control: RunControl?

    static func install(_ control: RunControl) {
        Self.control = control
        var signals = sigset_t()
        sigemptyset(&signals)
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber) { _ in StopSignal.control?.requestStop() }
            sigaddset(&signals, signalNumber)
        }
        // A parent may start us with these blocked; they must reach the handler.
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }
}
