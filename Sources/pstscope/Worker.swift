import ArgumentParser
import Ingest

extension Pstscope {
    /// Run by `import` itself, once per file: reads the file and streams its records to
    /// standard output (see `Ingest.Worker`).
    struct WorkerCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "worker", abstract: "Read one PST for a running import (internal).",
            shouldDisplay: false)

        @Argument var path: String

        func run() throws {
            let status = Worker.run(path: path)
            if status != 0 { throw ExitCode(status) }
        }
    }
}
