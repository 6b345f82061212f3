import Foundation

/// Resource readings from /proc and statvfs (Linux).
enum ProcessStats {
    struct Usage {
        var rssKB: Int
        /// User and system CPU time so far.
        var cpuSeconds: Double
    }

    private static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
    private static let pageKB = Int(sysconf(Int32(_SC_PAGESIZE))) / 1024

    /// nil once the process is gone.
    static func usage(of pid: pid_t) -> Usage? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // Fields after the command name, which may itself hold spaces: state is field 3.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 21, let utime = Double(fields[11]), let stime = Double(fields[12]),
              let rss = Int(fields[21]) else { return nil }
        return Usage(rssKB: rss * pageKB, cpuSeconds: (utime + stime) / ticksPerSecond)
    }

    /// Megabytes available to this user on the volume holding `path`.
    static func diskFreeMB(at path: String) -> Int? {
        var status = statvfs()
        guard statvfs(path, &status) == 0 else { return nil }
        return Int(UInt64(status.f_bavail) * UInt64(status.f_frsize) / 1_048_576)
    }
}
