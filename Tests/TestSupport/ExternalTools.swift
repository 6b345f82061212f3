import Foundation

/// Debian's PST tools (pff-tools, pst-utils), run on files the project wrote.
public enum ExternalTools {
    public static func path(_ name: String) -> String? {
        ["/usr/bin/\(name)", "/usr/local/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public static var available: Bool { ["pffinfo", "pffexport", "readpst"].allSatisfy { path($0) != nil } }

    public static let missingMessage = "pffinfo, pffexport or readpst not installed (make deps installs them): skipped"

    /// Runs a tool; returns its exit status and what it printed (stdout and stderr together).
    public static func run(_ tool: String, _ arguments: [String], in directory: URL? = nil,
                           environment: [String: String]? = nil) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path(tool) ?? tool)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("tool-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? FileManager.default.removeItem(at: log) }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: log), as: UTF8.self))
    }

    /// What pffexport and readpst make of a PST: messages exported and any "unable to" lines.
    public struct Verdict: Sendable {
        public var pffinfoStatus: Int32
        /// Mail: pffexport's Message… and Meeting… directories.
        public var pffexportMessages: Int
        /// Address-book items: its Contact… directories.
        public var pffexportContacts: Int
        public var pffexportProblems: [String]
        public var readpstMessages: Int
        public var readpstStatus: Int32
    }

    public static func examine(_ pst: String, scratch: URL) throws -> Verdict {
        let (info, _) = try run("pffinfo", [pst])
        let exportTarget = scratch.appendingPathComponent("export-\(UUID().uuidString)")
        let (_, exportLog) = try run("pffexport", ["-m", "items", "-f", "text", "-t", exportTarget.path, pst])
        let problems = exportLog.split(separator: "\n").map(String.init).filter { $0.contains("unable to") }
        // One directory per item: Message00001, Meeting00002, Contact00003, … (Message.txt inside
        // is the body, absent when empty).
        let directories = FileManager.default.enumerator(atPath: exportTarget.path + ".export")?
            .compactMap { $0 as? String }.compactMap { $0.split(separator: "/").last.map(String.init) } ?? []
        let exported = directories.filter { $0.wholeMatch(of: /(Message|Meeting)\d{5}/) != nil }.count
        let contacts = directories.filter { $0.wholeMatch(of: /Contact\d{5}/) != nil }.count
        let readpstTarget = scratch.appendingPathComponent("readpst-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: readpstTarget, withIntermediateDirectories: true)
        // Mail only (-e writes contacts nowhere). No parallel jobs (-j 0): readpst's parallel mode drops a message now and then, even on
        // Outlook's own files (measured: 897 to 900 of the 900 in a public sample).
        let (readpstStatus, _) = try run("readpst", ["-j", "0", "-r", "-D", "-e", "-q", "-o", readpstTarget.path, pst],
                                         in: readpstTarget)
        let written = FileManager.default.enumerator(atPath: readpstTarget.path)?
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".eml") }.count ?? 0
        return Verdict(pffinfoStatus: info, pffexportMessages: exported, pffexportContacts: contacts,
                       pffexportProblems: problems,
                       readpstMessages: written, readpstStatus: readpstStatus)
    }
}

extension ExternalTools {
    /// A Python that has networkx: the one on the PATH first, then Debian's (`make deps`
    /// installs python3-networkx when neither has it).
    public static var pythonWithNetworkx: String? { python(with: "networkx") }

    /// A Python that can import every one of `modules` (`make deps` installs what is missing).
    public static func python(with modules: String...) -> String? {
        let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .map { "\($0)/python3" } + ["/usr/bin/python3"]
        return candidates.first { candidate in
            guard FileManager.default.isExecutableFile(atPath: candidate),
                  let (status, _) = try? run(candidate, ["-c", "import " + modules.joined(separator: ", ")]) else {
                return false
            }
            return status == 0
        }
    }
}
