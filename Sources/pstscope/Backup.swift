import Archive
import ArgumentParser
import Foundation
import MailModel
import Store

extension Pstscope {
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the store to a new file, consistent even while an import writes, and check the copy.",
            discussion: """
                The copy is the store as it stood at one instant (whole batches only), taken with SQLite's online \
                backup. It is checked with SQLite's integrity check and the row counts of the mail tables, and is \
                readable by its owner only. FILE must not exist. Restore it with `pstscope restore FILE`.
                """)

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The new backup file.")
        var file: String

        @Flag(help: "Compress the copy with Zstandard.")
        var compress = false

        func run() throws {
            guard !FileManager.default.fileExists(atPath: file) else {
                throw fail("\(file) exists: a backup goes to a new file, never over another")
            }
            guard FileManager.default.fileExists(atPath: storeOptions.path) else {
                throw fail("no store at \(storeOptions.path)")
            }
            let store = try openStore(storeOptions)
            let started = ContinuousClock.now
            let copy = compress ? file + ".partial-\(getpid())" : file
            var kept = false
            defer { if !kept { for suffix in ["", "-journal", "-wal", "-shm"] { unlink(copy + suffix) } } }
            let counts: MailTableCounts
            do {
                counts = try store.backup(to: copy)
                let checked = try AnalyticsStore.check(copy: copy)
                guard checked == counts else {
                    throw StoreError.other("the copy holds \(checked), the store held \(counts)")
                }
            } catch {
                throw fail("backup of \(store.path) to \(file): \(error)")
            }
            if compress {
                do { try Zstd.compress(copy, to: file) } catch { throw fail(error.description) }
            } else {
                kept = true
            }
            let size = Int64((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int ?? 0)
            print("Backed up \(store.path) to \(file): \(counts); integrity ok; "
                  + "\(ByteCountFormatter.string(fromByteCount: size, countStyle: .file))"
                  + "\(compress ? " compressed" : "") in \((ContinuousClock.now - started).seconds.fixed(1)) s")
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the store with a backup, after checking the backup; the current store is kept beside it.",
            discussion: """
                The backup is decompressed when it is compressed, then checked (SQLite's integrity check, a schema \
                this pstscope knows) before anything changes. Refused while an import session runs on the store. The \
                current store is renamed STORE.before-restore-TIMESTAMP and stays until the restored store has opened \
                and been checked; if that fails, it is put back.
                """)

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The backup file (plain or compressed).")
        var file: String

        func run() throws {
            let target = storeOptions.path
            guard FileManager.default.fileExists(atPath: file) else { throw fail("backup \(file) not found") }
            let staged = target + ".restoring-\(getpid())"
            var placed = false
            defer { if !placed { unlink(staged) } }
            let counts: MailTableCounts
            do {
                if Zstd.isCompressed(file) {
                    try Zstd.decompress(file, to: staged)
                } else {
                    try FileCopy.copy(file, to: staged)
                }
                counts = try AnalyticsStore.check(copy: staged)
            } catch let error as ArchiveError {
                throw fail("backup \(file): \(error)")
            } catch {
                throw fail("backup \(file) is not a store this pstscope can restore: \(error)")
            }
            let previous = try setAside(target)
            guard rename(staged, target) == 0 else {
                let reason = String(cString: strerror(errno))
                if let previous { try putBack(previous, target) }
                throw fail("cannot put the restored store at \(target): \(reason)")
            }
            placed = true
            do {
                let store = try AnalyticsStore(path: target)
                let reopened = try AnalyticsStore.check(copy: store.path)
                guard reopened == counts else { throw StoreError.other("it holds \(reopened), the backup held \(counts)") }
            } catch {
                unlink(target)
                if let previous { try putBack(previous, target) }
                throw fail("the restored store did not open as checked (\(error)); the previous store is back in place")
            }
            print("Restored \(file) into \(target): \(counts); integrity ok")
            if let previous { print("The previous store is kept as \(previous): remove it once you are satisfied.") }
        }

        /// Renames the current store (and its WAL files, emptied first) aside; nil when there is none.
        private func setAside(_ target: String) throws -> String? {
            guard FileManager.default.fileExists(atPath: target) else { return nil }
            do {
                if let running = try AnalyticsStore.runningSession(at: target) {
                    throw fail("\(running); restore when it has finished (nothing was changed)")
                }
                try AnalyticsStore.checkpoint(target)
            } catch let exit as ExitCode {
                throw exit
            } catch {
                throw fail("cannot restore over \(target): \(error) (nothing was changed)")
            }
            let kept = target + ".before-restore-" + Timestamp.string(Date()).filter { $0.isNumber }.prefix(14)
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: target + suffix) {
                guard rename(target + suffix, kept + suffix) == 0 else {
                    throw fail("cannot set \(target + suffix) aside: \(String(cString: strerror(errno)))")
                }
            }
            return kept
        }

        private func putBack(_ kept: String, _ target: String) throws {
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: kept + suffix) {
                unlink(target + suffix)
                guard rename(kept + suffix, target + suffix) == 0 else {
                    throw fail("cannot put \(kept) back at \(target): \(String(cString: strerror(errno)))")
                }
            }
        }
    }
}
