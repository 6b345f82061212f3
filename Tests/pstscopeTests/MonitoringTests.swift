import Foundation
import GRDB
import Testing
import TestSupport

/// Every alert kind is stored, emitted as a JSON event and handed to `--alert-command`; the
/// JSON event stream of a run parses line by line and adds up to its session record.
struct MonitoringTests {
    let scratch = Scratch()
    static func sample(_ name: String) -> String {
        SampleCorpus.packageRoot.appendingPathComponent("samples/\(name).pst").path
    }

    struct Run {
        var store: String
        var result: CommandResult
        var events: [[String: Any]]
        var stored: [String]
        var commanded: [[String: Any]]

        func alerts(_ kind: String) -> [[String: Any]] {
            events.filter { $0["event"] as? String == "alert" && $0["kind"] as? String == kind }
        }
    }

    /// Imports `paths` with `--log-format json`, an alert command that appends what it reads,
    /// and the given thresholds; returns the events, the stored alert kinds and the command's input.
    func run(_ paths: [String], alerts: [String], extra: [String] = [], environment: [String: String] = [:]) throws -> Run {
        let store = scratch.path("store-\(UUID().uuidString).sqlite")
        let received = scratch.path("received-\(UUID().uuidString).jsonl")
        let result = try Pstscope.run(
            ["import"] + paths + ["--store", store, "--log-format", "json", "--alert-command", "cat >> '\(received)'"]
                + alerts.flatMap { ["--alert", $0] } + extra,
            environment: environment)
        let events = try result.stdout.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], "not JSON: \($0)")
        }
        let stored = try DatabaseQueue(path: store).read { db in
            try String.fetchAll(db, sql: "SELECT kind FROM alerts ORDER BY id")
        }
        let commanded = ((try? String(contentsOfFile: received, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        return Run(store: store, result: result, events: events, stored: stored, commanded: commanded)
    }

    func expectRaised(_ kind: String, in run: Run, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!run.alerts(kind).isEmpty, "no \(kind) event in \(run.result.stdout.prefix(2000))", sourceLocation: sourceLocation)
        #expect(run.stored.contains(kind), "\(kind) not stored: \(run.stored)", sourceLocation: sourceLocation)
        #expect(run.commanded.contains { $0["kind"] as? String == kind }, "\(kind) not handed to the command",
                sourceLocation: sourceLocation)
    }

    @Test func resourceErrorAndCompletionAlerts() throws {
        let corrupt = try scratch.file("corrupt.pst", Data("!BDN".utf8) + Data(repeating: 0x41, count: 4096))
        let run = try run(
            [Self.sample("hostile"), Self.sample("multi-3"), corrupt],
            alerts: ["max_memory_mb=1", "min_disk_free_mb=1000000000", "max_error_rate=0.001",
                     "error_rate_minimum_items=10"])
        #expect(run.result.status == 2)
        for kind in ["memory", "disk_free", "error_rate", "session_complete"] { expectRaised(kind, in: run) }
        let memory = try #require(run.alerts("memory").first)
        #expect((memory["value"] as? Double ?? 0) > 1 && memory["threshold"] as? Double == 1)
        #expect((run.alerts("session_complete").first?["message"] as? String)?.contains("1 failed") == true)
    }

    @Test func aSlowReaderRaisesThroughputAndSlowFileAlerts() throws {
        let run = try run(
            [Self.sample("multi-3")],
            alerts: ["min_throughput=100000", "min_throughput_seconds=1", "slow_file_factor=1",
                     "slow_file_minimum_seconds=1", "expected_mb_per_second=1000"],
            environment: ["PSTSCOPE_WORKER_FAULT": "slow:15", "PSTSCOPE_WORKER_FAULT_FILE": "multi-3"])
        #expect(run.result.status == 0, "\(run.result.stderr)")
        expectRaised("low_throughput", in: run)
        expectRaised("slow_file", in: run)
        #expect(run.alerts("slow_file").first?["path"] as? String == Self.sample("multi-3"))
    }

    @Test func aFileFarOffTheCustodiansOthersIsAnAnomaly() throws {
        // About 460, 160 and 1,000 messages: the last is over twice the median of the other two.
        let run = try run(
            [Self.sample("multi-1"), Self.sample("multi-3"), Self.sample("steady")],
            alerts: ["anomaly_volume_factor=2"], extra: ["--custodian", "Ann Lee", "--jobs", "1"])
        expectRaised("anomaly", in: run)
        #expect(run.alerts("anomaly").first?["path"] as? String == Self.sample("steady"))
        let calm = try self.run([Self.sample("multi-1"), Self.sample("multi-3"), Self.sample("steady")],
                                alerts: [], extra: ["--custodian", "Ann Lee", "--jobs", "1"])
        #expect(calm.alerts("anomaly").isEmpty, "under the default factor of 10")
    }

    @Test func theEventStreamAddsUpToTheSessionRecord() throws {
        let notPST = try scratch.file("notes.pst", Data("just text".utf8))
        let missing = scratch.path("gone.pst")
        let paths = [missing, Self.sample("multi-1"), Self.sample("multi-2"), Self.sample("multi-3"), notPST]
        let run = try run(paths, alerts: [])
        #expect(run.result.status == 2)
        let names = run.events.map { $0["event"] as? String ?? "" }
        #expect(names.first == "session_started" && names.last == "session_summary")
        let session = try #require(run.events.first?["session"] as? String)
        #expect(run.events.allSatisfy { $0["session"] as? String == session && $0["at"] is String })

        let summary = try #require(run.events.last?["summary"] as? [String: Any])
        let finished = run.events.filter { $0["event"] as? String == "file_finished" }
        #expect(finished.count == paths.count)
        #expect(finished.reduce(0) { $0 + ($1["emails"] as? Int ?? 0) } == summary["total_emails"] as? Int)
        #expect(finished.reduce(0) { $0 + ($1["new_emails"] as? Int ?? 0) } == summary["successful_imports"] as? Int)
        #expect(finished.reduce(0) { $0 + ($1["duplicates"] as? Int ?? 0) } == summary["duplicates_detected"] as? Int)
        let batches = run.events.filter { $0["event"] as? String == "batch" }
        let items = batches.reduce(0) { $0 + ($1["items"] as? Int ?? 0) }
        #expect(batches.allSatisfy { ($0["rss_kb"] as? Int ?? 0) > 0 })
        // CPU of the importing processes: at most all cores, busy.
        let cores = Double(ProcessInfo.processInfo.activeProcessorCount)
        #expect(batches.allSatisfy { ($0["cpu_percent"] as? Double ?? -1) >= 0 && ($0["cpu_percent"] as? Double ?? .infinity) <= cores * 100 + 25 },
                "\(batches.map { $0["cpu_percent"] ?? "none" })")
        #expect(items >= summary["total_emails"] as? Int ?? .max)
        let errors = run.events.filter { $0["event"] as? String == "error" }
        #expect(errors.map { $0["path"] as? String } == [missing, notPST] && errors.allSatisfy { $0["scope"] as? String == "file" })

        #expect(run.events.first?["files"] as? Int == paths.count)

        // The summary is the stored session record.
        let stored = try Pstscope.run(["session", session, "--store", run.store, "--format", "json"])
        let record = try #require(JSONSerialization.jsonObject(with: Data(stored.stdout.utf8)) as? NSDictionary)
        #expect(record == summary as NSDictionary)
    }

    @Test func thresholdsComeFromTheConfigFileAndFlagsOverrideThem() throws {
        let directory = scratch.url.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "[import]\njobs = 1\n\n[alerts]\nmax_memory_mb = 1\ncommand = \"cat >> received.jsonl\"\n"
            .write(to: directory.appendingPathComponent("pstscope.toml"), atomically: true, encoding: .utf8)
        let first = try Pstscope.run(["import", Self.sample("multi-3"), "--store", "a.sqlite"], directory: directory)
        #expect(first.stderr.contains("pstscope: alert: warning memory:"), "\(first.stderr)")
        let received = try String(contentsOf: directory.appendingPathComponent("received.jsonl"), encoding: .utf8)
        #expect(received.contains("\"kind\":\"memory\""))
        let overridden = try Pstscope.run(["import", Self.sample("multi-3"), "--store", "b.sqlite",
                                           "--alert", "max_memory_mb=100000"], directory: directory)
        #expect(!overridden.stderr.contains("alert: warning memory"), "\(overridden.stderr)")

        try "[alerts]\nmax_memroy_mb = 1\n".write(to: directory.appendingPathComponent("pstscope.toml"), atomically: true,
                                                   encoding: .utf8)
        let typo = try Pstscope.run(["import", Self.sample("multi-3"), "--store", "c.sqlite"], directory: directory)
        #expect(typo.status == 1)
        #expect(typo.errorLines == ["pstscope: error: pstscope.toml: unknown alert setting max_memroy_mb (known: anomaly_volume_factor, anomaly_years, error_rate_minimum_items, expected_mb_per_second, max_error_rate, max_memory_mb, min_disk_free_mb, min_throughput, min_throughput_seconds, slow_file_factor, slow_file_minimum_seconds)"], "\(typo.stderr)")
        let flag = try Pstscope.run(["import", Self.sample("multi-3"), "--store", "d.sqlite", "--alert", "max_memory_mb=lots"],
                                    directory: scratch.url)
        #expect(flag.status == 1 && flag.stderr.contains("--alert max_memory_mb=lots: expected key=number"))
    }
}

/// On a terminal, import draws a live block (overall bar, a line per file being read) in place,
/// fitted to the terminal's width, and leaves only the lasting lines on the screen.
@Suite(.enabled(if: PseudoTerminal.isAvailable, Comment(rawValue: PseudoTerminal.missingMessage)))
struct LiveDisplayTests {
    let scratch = Scratch()

    @Test func aTerminalGetsALiveBlockThatLeavesOnlyTheLastingLines() throws {
        let sample = MonitoringTests.sample("multi-3")
        let terminal = try PseudoTerminal(columns: 72)
        let (result, drawn) = try Pstscope.run(
            ["import", sample, "--store", scratch.path("tty.sqlite"), "--jobs", "1"], terminal: terminal,
            environment: ["PSTSCOPE_WORKER_FAULT": "slow:15", "PSTSCOPE_WORKER_FAULT_FILE": "multi-3"])
        #expect(result.status == 0, "\(drawn)")

        // Live: the file's line counts up while it is read.
        let counts = drawn.matches(of: /multi-3\.pst  (\d+)\/(\d+)/).compactMap { Int($0.output.1) }
        #expect(counts.count >= 2 && counts.contains { $0 > 0 && $0 < 163 }, "\(drawn.debugDescription)")
        #expect(counts == counts.sorted())
        // Redrawn in place: each redraw first moves up over the block and erases it.
        #expect(drawn.contains("\u{1B}[1A\u{1B}[J"))
        // A finished file leaves the block at once.
        let finished = try #require(drawn.range(of: "[1/1] imported")?.upperBound)
        let blockAfter = drawn[finished...].split(separator: "\u{1B}[J").first ?? ""
        #expect(blockAfter.contains("] 1/1 files") && !blockAfter.contains("%  multi-3.pst"), "\(blockAfter)")
        // The block's lines are cut to the terminal's width; lasting lines are not.
        let drawnLines = drawn.replacing(/\x{1B}\[\d*[AJ]/, with: "\r").split(separator: /\r\n|\r|\n/)
        let block = drawnLines.filter { $0.contains("ETA ") || $0.contains("%  multi-3.pst") }
        #expect(!block.isEmpty && block.allSatisfy { $0.count < terminal.columns })
        #expect(block.contains { $0.count == terminal.columns - 1 }, "the head line is longer than 72 columns")

        // What stays on the screen is what a log file gets: no trace of the block.
        let screen = TerminalScreen.replay(drawn)
        let plain = try Pstscope.run(["import", sample, "--store", scratch.path("plain.sqlite"), "--jobs", "1"])
        #expect(!plain.stderr.contains("\u{1B}"))
        let shape = { (lines: [String]) in lines.map { $0.prefix(16).replacing(/\d/, with: "#") } }
        #expect(shape(screen) == shape(plain.stderr.split(separator: "\n").map(String.init)), "\(screen)")
        // The file's emails, from the truth: its plain messages (meeting requests count apart).
        let truth = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: SampleCorpus.packageRoot
            .appendingPathComponent("samples/multi.truth.json"))) as? [String: Any])
        let emails = (truth["messages"] as? [[String: Any]] ?? []).filter {
            ($0["files"] as? [Int] ?? []).contains(2) && $0["message_class"] as? String == "IPM.Note"
        }.count
        #expect(screen.count == 3 && screen[1].hasPrefix("[1/1] imported ") && screen[1].contains(": \(emails) emails"),
                "\(screen)")
        #expect(!screen.contains { $0.contains("ETA") })
    }
}

/// `--no-monitor` and `[monitor] enabled = false` collect nothing, and import the same mail.
struct NoMonitorTests {
    let scratch = Scratch()

    struct Collected: Equatable {
        var batchRows: Int
        var alerts: Int
        var peakRecorded: Bool
        var messages: Int
        var sightings: Int
    }

    func importSamples(_ extra: [String], config: String? = nil) throws -> (CommandResult, Collected) {
        let store = scratch.path("store-\(UUID().uuidString).sqlite")
        var arguments = ["import", MonitoringTests.sample("multi-3"), MonitoringTests.sample("hostile"),
                         "--store", store, "--jobs", "1"] + extra
        if let config {
            arguments += ["--config", try scratch.file("pstscope-\(UUID().uuidString).toml", Data(config.utf8))]
        }
        // An alert every run would raise: any memory at all is over 1 MB.
        let result = try Pstscope.run(arguments + ["--alert", "max_memory_mb=1"])
        let collected = try DatabaseQueue(path: store).read { db in
            Collected(
                batchRows: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM batch_metrics")!,
                alerts: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alerts")!,
                peakRecorded: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM import_sessions WHERE peak_rss_kb IS NOT NULL")! > 0,
                messages: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messages")!,
                sightings: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sightings")!)
        }
        return (result, collected)
    }

    @Test func switchedOffCollectsNothingAndImportsTheSame() throws {
        let (onRun, on) = try importSamples([])
        #expect(onRun.status != 1, "\(onRun.stderr)")
        #expect(on.batchRows > 0 && on.alerts > 0 && on.peakRecorded)
        #expect(onRun.stderr.contains("alert: "))

        for (flags, config) in [(["--no-monitor"], nil), ([], "[monitor]\nenabled = false\n")] {
            let (offRun, off) = try importSamples(flags, config: config)
            #expect(offRun.status == onRun.status, "\(offRun.stderr)")
            #expect(off == Collected(batchRows: 0, alerts: 0, peakRecorded: false, messages: on.messages,
                                     sightings: on.sightings))
            #expect(!offRun.stderr.contains("alert: "))
            #expect(offRun.stderr.contains("imported"))
            #expect(offRun.stdout.contains("Session import_"))
        }
    }

    @Test func aMistypedMonitorSettingIsAnError() throws {
        let config = try scratch.file("bad.toml", Data("[monitor]\nenabled = \"no\"\n".utf8))
        let result = try Pstscope.run(["import", MonitoringTests.sample("multi-3"), "--store", scratch.path("s.sqlite"),
                                       "--config", config])
        #expect(result.status == 1)
        #expect(result.errorLines == ["pstscope: error: \(config): monitor.enabled must be true or false"])
    }
}
