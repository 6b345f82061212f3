import Foundation
import MailModel
import PSTReader
import Store

/// What `import --plan` tells before a run: each file's format, size and estimated items,
/// and the run's predicted duration and peak memory.
public struct ImportPlan: Sendable {
    public struct File: Sendable, Equatable {
        public var path: String
        /// "Unicode 64-bit PST"; nil when the file cannot be opened.
        public var format: String?
        public var size: Int64
        /// The folders' own item counts (PidTagContentCount) where libpff opens the file; else
        /// estimated from the size at the store's bytes per item.
        public var items: Int
        public var itemsCounted: Bool
        /// Why the file cannot be opened (the import would fail it).
        public var problem: String?
    }

    public var files: [File]
    public var jobs: Int
    public var prediction: ImportPrediction

    public var items: Int { files.reduce(0) { $0 + $1.items } }
    public var bytes: Int64 { files.reduce(0) { $0 + $1.size } }

    /// Reads nothing but each file's header and its folders' item counts (an open costs little
    /// with the patched libpff), then predicts from `history`.
    public static func make(paths: [String], jobs: Int, history: [PastSession]) -> ImportPlan {
        let rates = Rates(history: history, jobs: jobs)
        let files = Discovery.expand(paths).map { input -> File in
            switch input {
            case .problem(let path, _, let message):
                return File(path: path, format: nil, size: 0, items: 0, itemsCounted: false, problem: message)
            case .file(let path):
                let size = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.int64Value ?? 0
                do {
                    let file = try PSTFile(path: path)
                    let format = "\(file.info.format.rawValue) \(file.info.contentType.rawValue.uppercased())"
                    return File(path: path, format: format, size: size, items: file.estimatedItemCount(), itemsCounted: true,
                                problem: nil)
                } catch {
                    return File(path: path, format: nil, size: size, items: rates.items(inBytes: size), itemsCounted: false,
                                problem: "\(error)")
                }
            }
        }
        let items = files.filter { $0.problem == nil }.reduce(0) { $0 + $1.items }
        return ImportPlan(files: files, jobs: jobs, prediction: rates.predict(items: items))
    }
}

/// Throughput learned from a store's earlier sessions: items per second over the latest
/// `window` sessions run with the same --jobs (of all sessions when none was): the machine's
/// recent pace, as its load and the store's size change. It takes in worker start-up,
/// writing and file ends as users meet them. Reads stream (only libpff's item tree, about 110
/// bytes an item, grows with a file), so the peak predicted is the highest those sessions
/// reached. Without history, built-in figures from `make bench` on a 2-core machine (100,000
/// Outlook-order messages: about 15,300 items per second, 130 MB, one worker; 55 MB more for
/// each further worker).
struct Rates {
    /// The latest sessions learned from.
    static let window = 3
    static let builtInItemsPerSecond = 15_300.0
    static let builtInBytesPerItem = 3_000.0
    static let builtInPeakKb = 130 * 1024, builtInPeakKbPerWorker = 55 * 1024

    let itemsPerSecond: Double
    let bytesPerItem: Double
    let peakRssKb: Int?
    let basis: String

    init(history: [PastSession], jobs: Int) {
        let same = history.filter { $0.jobs == jobs }
        let used = Array((same.isEmpty ? history : same).suffix(Self.window))
        guard !used.isEmpty else {
            itemsPerSecond = Self.builtInItemsPerSecond
            bytesPerItem = Self.builtInBytesPerItem
            peakRssKb = Self.builtInPeakKb + max(0, jobs - 1) * Self.builtInPeakKbPerWorker
            basis = "built-in figures: this store has no finished session to learn from"
            return
        }
        let items = Double(used.reduce(0) { $0 + $1.items })
        itemsPerSecond = items / used.reduce(0) { $0 + $1.seconds }
        bytesPerItem = Double(used.reduce(0) { $0 + $1.bytes }) / items
        peakRssKb = used.compactMap(\.peakRssKb).max()
        let sessions = used.count == 1 ? "1 earlier session" : "the latest \(used.count) sessions"
        basis = same.isEmpty
            ? "\(sessions) of this store, run with other --jobs than \(jobs)"
            : "\(sessions) of this store with --jobs \(jobs)"
    }

    func items(inBytes bytes: Int64) -> Int { Int((Double(bytes) / bytesPerItem).rounded()) }

    func predict(items: Int) -> ImportPrediction {
        ImportPrediction(seconds: (Double(items) / itemsPerSecond).rounded(toPlaces: 2), peakRssKb: peakRssKb,
                         basis: basis + String(format: ", %.0f items/s", itemsPerSecond))
    }
}
