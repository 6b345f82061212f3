import Foundation

/// The real PST/OST files in `../shared/pst-samples/` and what independent tools found in them.
/// Tests that need them skip, with this message, when the folder is absent.
public enum SampleCorpus {
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static let directory: URL = packageRoot
        .appendingPathComponent("../shared/pst-samples").standardizedFileURL

    public static let missingMessage =
        "real samples not found at ../shared/pst-samples/ (relative to the package): skipped"

    public static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("manifest.json").path)
    }

    /// One file's entry in `manifest.json`.
    public struct Entry: Decodable, Sendable, CustomTestStringConvertibleName {
        public let file: String
        public let format: String
        public let store: String
        public let libpffOpens: Bool
        public let folders: Int?
        public let emails: Int
        public let itemsLibpffCouldNotRead: Int
        public let itemClasses: [String: Int]
        public let distinctSenders: Int?

        public var path: String { SampleCorpus.directory.appendingPathComponent(file).path }
        public var testName: String { file }

        enum CodingKeys: String, CodingKey {
            case file, format, store, folders, emails
            case libpffOpens = "libpff_opens"
            case itemsLibpffCouldNotRead = "items_libpff_could_not_read"
            case itemClasses = "item_classes"
            case distinctSenders = "distinct_senders"
        }
    }

    /// The manifest's entries; empty when the corpus is absent.
    public static let entries: [Entry] = {
        let url = directory.appendingPathComponent("manifest.json")
        guard let data = try? Data(contentsOf: url) else { return [] }
        return (try? JSONDecoder().decode([Entry].self, from: data)) ?? []
    }()

    public static func entry(containing name: String) -> Entry? {
        entries.first { $0.file.contains(name) }
    }
}

/// A readable name for parameterized test arguments.
public protocol CustomTestStringConvertibleName {
    var testName: String { get }
}
