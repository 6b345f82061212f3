import ArgumentParser
import Foundation
import ImportSettings
import Store

extension Pstscope {
    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove old operational rows, or forget one import session.",
            discussion: """
                Without --session: removes the per-batch metrics, alerts and item-level errors of sessions that \
                ended longer ago than --older-than (default: [retention] days in pstscope.toml, else 90 days), as \
                every import does at its end. Sessions, per-file outcomes and the mail are never removed this way.

                With --session ID: removes that session as if it had never run: its files, errors and metrics, \
                the messages, recipients, source files and contacts no other session has. Then the analyses are \
                recomputed. It shows what it will remove and asks; where nobody can answer, it needs --yes.

                Both end by giving the freed space back to the file system.
                """)

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: ArgumentHelp("Age of the sessions whose operational rows go, in days ('90d' or '90'; 0 keeps all).",
                                   valueName: "days"))
        var olderThan: RetentionPeriod?

        @Option(help: "Forget this session instead (see above).")
        var session: String?

        @Flag(help: "Say what would go; change nothing.")
        var dryRun = false

        @Flag(help: "Forget the session without asking.")
        var yes = false

        @Option(help: "The settings file (default: ./pstscope.toml when present).")
        var config: String?

        func validate() throws {
            if session != nil && olderThan != nil {
                throw ValidationError("--older-than and --session prune different things: give one")
            }
            if yes && session == nil { throw ValidationError("--yes confirms forgetting a --session") }
        }

        func run() throws {
            let store = try openStore(storeOptions)
            if let session {
                try forget(session, in: store)
                return
            }
            let period: RetentionPeriod
            if let olderThan {
                period = olderThan
            } else {
                do { period = RetentionPeriod(days: try ImportConfig.load(config).retentionDays) } catch {
                    throw fail(error.message)
                }
            }
            guard let retention = try period.apply(to: store, dryRun: dryRun) else {
                print("Retention is 0 days: everything is kept.")
                return
            }
            print(retention.line)
            if !dryRun { print(try reclaimSpace(store)) }
        }

        private func forget(_ id: String, in store: AnalyticsStore) throws {
            let footprint: SessionFootprint
            do { footprint = try store.footprint(ofSession: id) } catch { throw fail("\(store.path): \(error)") }
            print(SessionFootprintPrinter.text(footprint, session: id, dryRun: dryRun), terminator: "")
            if dryRun { return }
            guard yes || confirm("Forget session \(id)? [y/N] ") else {
                let reason = isatty(STDIN_FILENO) == 1 ? "not confirmed"
                    : "forgetting a session needs --yes where nobody can answer"
                throw fail("\(reason): nothing was changed")
            }
            do { try store.forgetSession(id) } catch { throw fail("\(store.path): \(error)") }
            print("Forgot session \(id).")
            print(summaryLine(try recomputeAnalyses(store, session: nil)))
            print(try reclaimSpace(store))
        }

        /// Asks on the terminal; false where standard input is not one, or at anything but yes.
        private func confirm(_ question: String) -> Bool {
            guard isatty(STDIN_FILENO) == 1 else { return false }
            FileHandle.standardOutput.write(Data(question.utf8))
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
            return answer == "y" || answer == "yes"
        }
    }
}

/// What forgetting a session removes, a line per kind of row.
enum SessionFootprintPrinter {
    static func text(_ f: SessionFootprint, session: String, dryRun: Bool) -> String {
        let rows: [(String, Int)] = [
            ("messages no other session has", f.messages), ("their recipients", f.recipients),
            ("sightings", f.sightings), ("contacts no other mail names", f.contacts),
            ("source files no other session read", f.sourceFiles), ("their folders", f.folders),
            ("file outcomes", f.files), ("import errors", f.errors), ("batch metrics", f.batchMetrics),
            ("alerts", f.alerts),
        ]
        var text = "Session \(session): \(dryRun ? "forgetting it would remove" : "forgetting it removes")\n"
        for (label, count) in rows { text += "  \(String(count).leftPadded(to: 10))  \(label)\n" }
        return text
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
