import ArgumentParser
import Ingest
import PSTReader

extension FilePart: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension Pstscope {
    /// Run by `import` itself, once per file: reads the file and streams its records to
    /// standard output (see `Ingest.Worker`).
    struct WorkerCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "worker", abstract: "Read one PST for a running import (internal).",
            shouldDisplay: false)

        @Argument var path: String

        @Option(help: "Read only this share of the items: part I of N.")
        var part: FilePart = .whole

        func run() throws {
            let status = Worker.run(path: path, part: part)
            if status != 0 { throw ExitCode(status) }
        }
    }
}
