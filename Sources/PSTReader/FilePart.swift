/// A share of one file's items, so that several processes, each with its own libpff handle,
/// can read a large file at once. Items are numbered in walk order across all folders and dealt
/// out in runs of `run`: part `index` of `count` reads runs index, index + count, … Runs keep
/// each reader on neighbouring items (libpff's caches and the disk favour that); dealing them
/// out round-robin balances the parts however the items are spread over folders.
public struct FilePart: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int
    /// Items in a run: enough for locality, few enough to balance small files.
    public static let run = 256

    public static let whole = FilePart(index: 0, count: 1)!

    public init?(index: Int, count: Int) {
        guard count >= 1, (0..<count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// "I/N", as `pstscope worker --part` takes it.
    public init?(_ text: String) {
        let fields = text.split(separator: "/", omittingEmptySubsequences: false)
        guard fields.count == 2, let index = Int(fields[0]), let count = Int(fields[1]) else { return nil }
        self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// Whether the item at `position` in walk order is this part's.
    func owns(_ position: Int) -> Bool {
        count == 1 || (position / Self.run) % count == index
    }

    /// The first part reports what belongs to the file rather than to an item: folders that
    /// cannot be listed or opened.
    var reportsFolders: Bool { index == 0 }
}
