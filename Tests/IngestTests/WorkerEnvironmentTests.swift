import Foundation
import Testing
import TestSupport
@testable import Ingest

/// A worker starts with glibc's larger cache of freed blocks, and a user's own malloc settings
/// still hold: glibc's own loader says what the worker's settings come to.
struct WorkerEnvironmentTests {
    static let loader = "/lib64/ld-linux-x86-64.so.2"

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: loader), "needs glibc's x86-64 loader"))
    func aWorkerKeepsMoreFreedBlocks() throws {
        let values = try Self.effective(Self.worker(user: nil).workerEnvironment["GLIBC_TUNABLES"])
        #expect(values["glibc.malloc.tcache_count"] == 1024)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: loader), "needs glibc's x86-64 loader"))
    func theUsersOwnSettingsWin() throws {
        let user = "glibc.malloc.tcache_count=3:glibc.malloc.arena_max=2"
        let values = try Self.effective(Self.worker(user: user).workerEnvironment["GLIBC_TUNABLES"])
        #expect(values["glibc.malloc.tcache_count"] == 3)
        #expect(values["glibc.malloc.arena_max"] == 2)
    }

    @Test func aWorkerKeepsTheRestOfTheEnvironment() {
        var worker = Self.worker(user: nil)
        worker.environment["PSTSCOPE_EXAMPLE"] = "kept"
        #expect(worker.workerEnvironment["PSTSCOPE_EXAMPLE"] == "kept")
        #expect(worker.workerEnvironment["SWIFT_BACKTRACE"] == "enable=no")
    }

    private static func worker(user: String?) -> WorkerProcess {
        var worker = WorkerProcess(executable: Pstscope.binary, path: "/nonexistent.pst", timeout: 60)
        worker.environment["GLIBC_TUNABLES"] = user
        return worker
    }

    /// What glibc makes of `tunables`: each malloc setting's value, as its loader lists them.
    private static func effective(_ tunables: String?) throws -> [String: Int] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: loader)
        process.arguments = ["--list-tunables"]
        process.environment = tunables.map { ["GLIBC_TUNABLES": $0] } ?? [:]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        var values: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            // "glibc.malloc.tcache_count: 0x400 (min: 0x0, max: 0xffff…)"
            let parts = line.split(separator: " ")
            guard parts.count >= 2, parts[0].hasSuffix(":"), parts[1].hasPrefix("0x") else { continue }
            values[String(parts[0].dropLast())] = Int(parts[1].dropFirst(2), radix: 16)
        }
        return values
    }
}
