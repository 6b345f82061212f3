import Foundation
import Ingest
import TOMLKit

/// `pstscope.toml`: settings for long unattended imports, overridden by the command line.
///
///     [import]
///     jobs = 4
///     worker_timeout = 600        # seconds a worker may stay silent
///
///     [monitor]
///     enabled = false             # as --no-monitor
///
///     [alerts]
///     max_memory_mb = 2048        # any key of AlertThresholds.keys
///     command = "notify-team"     # run per alert, the alert as JSON on stdin
struct ImportConfig {
    var jobs: Int?
    var workerTimeout: Double?
    var alertCommand: String?
    /// Whether the run samples resources, keeps batch metrics and raises alerts.
    var monitor = true
    var thresholds = AlertThresholds()

    /// `path`, else ./pstscope.toml when there is one, else the defaults.
    static func load(_ path: String?) throws -> ImportConfig {
        let file = path ?? "pstscope.toml"
        guard FileManager.default.fileExists(atPath: file) else {
            if let path { throw fail("config file \(path) not found") }
            return ImportConfig()
        }
        do {
            return try parse(String(contentsOfFile: file, encoding: .utf8))
        } catch let error as TOMLParseError {
            throw fail("\(file): \(error.description) at line \(error.source.begin.line)")
        } catch let error as ConfigError {
            throw fail("\(file): \(error.message)")
        } catch {
            throw fail("cannot read \(file): \(error.localizedDescription)")
        }
    }

    struct ConfigError: Error {
        var message: String
    }

    static func parse(_ text: String) throws -> ImportConfig {
        let root = try TOMLTable(string: text)
        var config = ImportConfig()
        for key in root.keys where !["import", "monitor", "alerts"].contains(key) {
            throw ConfigError(message: "unknown section or key \(key) (known: [import], [monitor], [alerts])")
        }
        if let section = root["import"]?.table {
            for key in section.keys {
                switch key {
                case "jobs":
                    guard let jobs = section[key]?.int, jobs >= 1 else { throw ConfigError(message: "import.jobs must be a whole number, 1 or more") }
                    config.jobs = jobs
                case "worker_timeout":
                    guard let seconds = number(section[key]), seconds > 0 else { throw ConfigError(message: "import.worker_timeout must be a positive number") }
                    config.workerTimeout = seconds
                default:
                    throw ConfigError(message: "unknown key import.\(key) (known: jobs, worker_timeout)")
                }
            }
        }
        if let section = root["monitor"]?.table {
            for key in section.keys {
                guard key == "enabled" else { throw ConfigError(message: "unknown key monitor.\(key) (known: enabled)") }
                guard let enabled = section[key]?.bool else { throw ConfigError(message: "monitor.enabled must be true or false") }
                config.monitor = enabled
            }
        }
        if let section = root["alerts"]?.table {
            for key in section.keys {
                if key == "command" {
                    guard let command = section[key]?.string else { throw ConfigError(message: "alerts.command must be a string") }
                    config.alertCommand = command
                    continue
                }
                guard let value = number(section[key]) else { throw ConfigError(message: "alerts.\(key) must be a number") }
                do {
                    try config.thresholds.set(key, to: value)
                } catch {
                    throw ConfigError(message: error.description)
                }
            }
        }
        return config
    }

    /// TOML keeps integers and floats apart; a threshold may be written as either.
    private static func number(_ value: (any TOMLValueConvertible)?) -> Double? {
        value?.double ?? value?.int.map(Double.init)
    }
}
