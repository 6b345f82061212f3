import Foundation

/// What a run of the `pstscope` binary printed and returned.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    /// The lines on standard error that pstscope itself wrote as errors.
    public var errorLines: [String] {
        stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix("pstscope: error: ") }
    }
}

/// Runs the built `pstscope` binary, as a user would.
public enum Pstscope {
    /// The binary built beside the running tests (whatever the build folder), else .build/debug's.
    public static let binary: String = {
        let tests = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let sibling = tests.deletingLastPathComponent().appendingPathComponent("pstscope").path
        return FileManager.default.isExecutableFile(atPath: sibling)
            ? sibling : SampleCorpus.packageRoot.appendingPathComponent(".build/debug/pstscope").path
    }()

    /// A missing binary fails the test (it is not skipped): `make test` builds it first.
    public struct NotBuilt: Error, CustomStringConvertible {
        public var description: String { "\(binary) is not built: run `swift build --build-tests` first" }
    }

    /// Runs `pstscope arguments…` and waits for it. `prefix` runs it under another program
    /// (e.g. `setpriv` to drop root). Output goes through files, so neither stream can block.
    public static func run(
        _ arguments: [String], prefix: [String] = [], directory: URL? = nil, environment: [String: String] = [:]
    ) throws -> CommandResult {
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("pstscope-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: capture) }
        let outURL = capture.appendingPathComponent("out")
        let errURL = capture.appendingPathComponent("err")
        let process = try launch(arguments, prefix: prefix, directory: directory, environment: environment,
                                 stdout: outURL, stderr: errURL)
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// Runs `pstscope arguments…` with standard error on `terminal`; returns the result (its
    /// `stderr` empty) and everything drawn on the terminal.
    public static func run(
        _ arguments: [String], terminal: PseudoTerminal, environment: [String: String] = [:]
    ) throws -> (result: CommandResult, drawn: String) {
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("pstscope-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: capture) }
        let outURL = capture.appendingPathComponent("out")
        let process = try launch(arguments, environment: environment, stdout: outURL, terminal: terminal)
        terminal.childStarted()
        process.waitUntilExit()
        let result = CommandResult(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self), stderr: "")
        return (result, terminal.drawn())
    }

    /// Starts `pstscope arguments…` without waiting for it; standard error goes to `terminal`
    /// when one is given, else to the file `stderr`.
    public static func launch(
        _ arguments: [String], prefix: [String] = [], directory: URL? = nil, environment: [String: String] = [:],
        stdout: URL? = nil, stderr: URL? = nil, terminal: PseudoTerminal? = nil
    ) throws -> Process {
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw NotBuilt() }
        let process = Process()
        if let tool = prefix.first {
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = Array(prefix.dropFirst()) + [binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
        }
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "PSTSCOPE_STORE")
        env.merge(environment) { $1 }
        process.environment = env
        process.standardOutput = try sink(stdout)
        process.standardError = try terminal?.childEnd ?? sink(stderr)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    private static func sink(_ url: URL?) throws -> FileHandle {
        guard let url else { return FileHandle.nullDevice }
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        return try FileHandle(forWritingTo: url)
    }
}
