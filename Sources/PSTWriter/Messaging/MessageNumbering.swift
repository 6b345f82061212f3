/// Hands out message NID indexes so that libpff opens large files in linear time.
///
/// libpff (20180714) builds its item tree in NID order and finds each item's parent by a
/// depth-first search from the root, through every item already placed. If each folder's
/// messages are numbered below those of every folder created before it, then, for folders
/// created in hierarchy order (parents first, siblings in order, as the writer makes them),
/// no search ever walks through messages. So each folder gets ranges of indexes, handed out
/// downwards from a ceiling: one when the folder is made, another whenever one fills up.
/// Another creation order only costs libpff time, never correctness.
struct MessageNumbering {
    /// Indexes stay below 2^26, leaving the upper half of the 27-bit space to clients that
    /// add messages later (they continue from the header's rgnid counter).
    static let ceiling: UInt32 = 1 << 26
    static let floor: UInt32 = 0x10000
    static let rangeSize: UInt32 = 1 << 15

    private var ranges: [NID: Range<UInt32>] = [:]
    private var nextRangeEnd = ceiling
    /// One past the highest index handed out: the header's next message index.
    private(set) var highest = floor

    /// Gives `folder` its first range.
    mutating func open(_ folder: NID) throws(NDBError) {
        ranges[folder] = try newRange()
    }

    mutating func index(for folder: NID) throws(NDBError) -> UInt32 {
        var range = ranges[folder] ?? 0..<0
        if range.isEmpty { range = try newRange() }
        let index = range.lowerBound
        ranges[folder] = index + 1..<range.upperBound
        highest = max(highest, index + 1)
        return index
    }

    private mutating func newRange() throws(NDBError) -> Range<UInt32> {
        guard nextRangeEnd - Self.rangeSize >= Self.floor else { throw .tooManyMessages }
        nextRangeEnd -= Self.rangeSize
        return nextRangeEnd..<nextRangeEnd + Self.rangeSize
    }
}
