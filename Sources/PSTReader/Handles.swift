import CLibpff
import Foundation
import Synchronization

/// libpff builds a CRC table lazily during its first open, unguarded: opens are serialised so
/// that parallel workers never race on it. Opening reads only the header; reads run in parallel.
private let openLock = Mutex(())

typealias CFile = UnsafeMutablePointer<libpff_file_t>
typealias CItem = UnsafeMutablePointer<libpff_item_t>
typealias CRecordSet = UnsafeMutablePointer<libpff_record_set_t>
typealias CRecordEntry = UnsafeMutablePointer<libpff_record_entry_t>

/// Owns one `libpff_file_t`. libpff takes no locks, so a handle stays on the thread
/// (or the worker) that opened it.
final class FileHandle {
    let raw: CFile

    init(path: String) throws(LibpffError) {
        var file: CFile? = nil
        try libpff("libpff_file_initialize") { libpff_file_initialize(&file, $0) }
        guard let file else { throw LibpffError(function: "libpff_file_initialize", cause: "no handle") }
        do throws(LibpffError) {
            _ = try openLock.withLock { _ throws(LibpffError) in
                try libpff("libpff_file_open") {
                    libpff_file_open(file, path, Int32(LIBPFF_ACCESS_FLAG_READ.rawValue), $0)
                }
            }
        } catch {
            var handle: CFile? = file
            libpff_file_free(&handle, nil)
            throw error
        }
        raw = file
    }

    /// Calls `get` with an out-pointer for one of the file's top items (its message store, its
    /// root folder); nil when libpff reports it absent.
    func item(
        _ function: String,
        _ get: (CFile, UnsafeMutablePointer<CItem?>, UnsafeMutablePointer<LibpffErrorHandle?>) -> Int32
    ) throws(LibpffError) -> ItemHandle? {
        try itemHandle(function, file: self) { get(raw, $0, $1) }
    }

    var rootFolder: ItemHandle? {
        get throws(LibpffError) { try item("libpff_file_get_root_folder") { libpff_file_get_root_folder($0, $1, $2) } }
    }

    deinit {
        libpff_file_close(raw, nil)
        var handle: CFile? = raw
        libpff_file_free(&handle, nil)
        // libpff builds a tree of the file's items at open, some 170 MB of small blocks for a
        // million items, and frees it here; glibc would keep those pages for later allocations.
        // An import opens each file in its parent process to plan, then stores and analyses
        // there: without this, that process stayed 190 MB larger for the whole run.
        malloc_trim(0)
    }
}

@available(*, unavailable)
extension FileHandle: Sendable {}

/// Runs a libpff getter that hands an item back through an out-pointer; nil when libpff
/// reports it absent.
private func itemHandle(
    _ function: String, file: FileHandle,
    _ get: (UnsafeMutablePointer<CItem?>, UnsafeMutablePointer<LibpffErrorHandle?>) -> Int32
) throws(LibpffError) -> ItemHandle? {
    var item: CItem? = nil
    let found = try libpff(function) { get(&item, $0) }
    guard found, let item else { return nil }
    return ItemHandle(item, file: file)
}

/// Owns one `libpff_item_t` (folder, message, recipients, message store) and keeps its
/// file open for as long as the item lives.
final class ItemHandle {
    let raw: CItem
    let file: FileHandle

    init(_ raw: CItem, file: FileHandle) {
        self.raw = raw
        self.file = file
    }

    deinit {
        var handle: CItem? = raw
        libpff_item_free(&handle, nil)
    }

    /// Calls `get` with an out-pointer for a count of this item's parts.
    func count(
        _ function: String,
        _ get: (CItem, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<LibpffErrorHandle?>) -> Int32
    ) throws(LibpffError) -> Int {
        var count: Int32 = 0
        try libpff(function) { get(raw, &count, $0) }
        return Int(count)
    }

    /// Calls `get` with an out-pointer for a child item; nil when libpff reports it absent.
    func child(
        _ function: String,
        _ get: (CItem, UnsafeMutablePointer<CItem?>, UnsafeMutablePointer<LibpffErrorHandle?>) -> Int32
    ) throws(LibpffError) -> ItemHandle? {
        try itemHandle(function, file: file) { get(raw, $0, $1) }
    }

    var identifier: UInt32 {
        get throws(LibpffError) {
            var value: UInt32 = 0
            try libpff("libpff_item_get_identifier") { libpff_item_get_identifier(raw, &value, $0) }
            return value
        }
    }

    /// A folder's messages, as libpff lists them (reading the folder's contents table).
    var messageCount: Int {
        get throws(LibpffError) {
            try count("libpff_folder_get_number_of_sub_messages") { libpff_folder_get_number_of_sub_messages($0, $1, $2) }
        }
    }

    var subfolderCount: Int {
        get throws(LibpffError) {
            try count("libpff_folder_get_number_of_sub_folders") { libpff_folder_get_number_of_sub_folders($0, $1, $2) }
        }
    }

    func subfolder(_ index: Int) throws(LibpffError) -> ItemHandle? {
        try child("libpff_folder_get_sub_folder") { libpff_folder_get_sub_folder($0, Int32(index), $1, $2) }
    }

    var recordSetCount: Int {
        get throws(LibpffError) {
            try count("libpff_item_get_number_of_record_sets") { libpff_item_get_number_of_record_sets($0, $1, $2) }
        }
    }

    func recordSet(_ index: Int) throws(LibpffError) -> RecordSet {
        var set: CRecordSet? = nil
        try libpff("libpff_item_get_record_set_by_index") {
            libpff_item_get_record_set_by_index(raw, Int32(index), &set, $0)
        }
        guard let set else {
            throw LibpffError(function: "libpff_item_get_record_set_by_index", cause: "no record set \(index)")
        }
        return RecordSet(set)
    }
}

@available(*, unavailable)
extension ItemHandle: Sendable {}

/// One row of an item's properties (a property context, or one row of a table context).
struct RecordSet: ~Copyable {
    private let raw: CRecordSet

    init(_ raw: CRecordSet) { self.raw = raw }

    deinit {
        var handle: CRecordSet? = raw
        libpff_record_set_free(&handle, nil)
    }

    /// Runs `read` on the entry with this tag, whatever its value type; nil when absent.
    private func withEntry<T>(
        _ tag: PropertyTag, _ read: (CRecordEntry) throws(LibpffError) -> T?
    ) throws(LibpffError) -> T? {
        var entry: CRecordEntry? = nil
        let flags = UInt8(LIBPFF_ENTRY_VALUE_FLAG_MATCH_ANY_VALUE_TYPE.rawValue
            | LIBPFF_ENTRY_VALUE_FLAG_IGNORE_NAME_TO_ID_MAP.rawValue)
        let found = try libpff("libpff_record_set_get_entry_by_type") {
            libpff_record_set_get_entry_by_type(raw, tag.rawValue, 0, &entry, flags, $0)
        }
        guard found, let entry else { return nil }
        defer {
            var handle: CRecordEntry? = entry
            libpff_record_entry_free(&handle, nil)
        }
        return try read(entry)
    }

    /// A string property (Unicode or code-page 8-bit). Empty strings are nil.
    /// Unicode values are decoded here from their raw UTF-16LE bytes: libpff's conversions (to
    /// UTF-8 and even to UTF-16) turn characters outside the Basic Multilingual Plane — emoji,
    /// some CJK — into wrong ones. Code-page strings have no such characters.
    func string(_ tag: PropertyTag) throws(LibpffError) -> String? {
        try withEntry(tag) { entry throws(LibpffError) in
            var type: UInt32 = 0
            try libpff("libpff_record_entry_get_value_type") { libpff_record_entry_get_value_type(entry, &type, $0) }
            if type == 0x001F {                                     // PtypString
                return try Self.withData(entry) { utf16String($0) }
            }
            var size = 0
            try libpff("libpff_record_entry_get_data_as_utf8_string_size") {
                libpff_record_entry_get_data_as_utf8_string_size(entry, &size, $0)
            }
            // A size of 0 means an empty string: libpff must not be asked for it.
            guard size > 1 else { return nil }
            var buffer = [UInt8](repeating: 0, count: size)
            try libpff("libpff_record_entry_get_data_as_utf8_string") {
                libpff_record_entry_get_data_as_utf8_string(entry, &buffer, size, $0)
            }
            let text = String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
            return text.isEmpty ? nil : text
        }
    }

    /// The entry's raw bytes in a temporary buffer (no array per property: a message has about
    /// twenty, and each array costs a runtime metadata lookup besides its allocation).
    private static func withData<T>(
        _ entry: CRecordEntry, _ body: (UnsafeRawBufferPointer) -> T
    ) throws(LibpffError) -> T {
        var size = 0
        try libpff("libpff_record_entry_get_data_size") { libpff_record_entry_get_data_size(entry, &size, $0) }
        guard size > 0 else { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 1)
        defer { buffer.deallocate() }
        try libpff("libpff_record_entry_get_data") {
            libpff_record_entry_get_data(entry, buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), size, $0)
        }
        return body(UnsafeRawBufferPointer(buffer))
    }

    /// A FILETIME property as a date; 0 (never set) is nil.
    func date(_ tag: PropertyTag) throws(LibpffError) -> Date? {
        try withEntry(tag) { entry throws(LibpffError) in
            var filetime: UInt64 = 0
            try libpff("libpff_record_entry_get_data_as_filetime") {
                libpff_record_entry_get_data_as_filetime(entry, &filetime, $0)
            }
            return FileTime.date(filetime)
        }
    }

    /// A 32-bit integer property.
    func int32(_ tag: PropertyTag) throws(LibpffError) -> Int? {
        try withEntry(tag) { entry throws(LibpffError) in
            var value: UInt32 = 0
            try libpff("libpff_record_entry_get_data_as_32bit_integer") {
                libpff_record_entry_get_data_as_32bit_integer(entry, &value, $0)
            }
            return Int(Int32(bitPattern: value))
        }
    }

    /// A binary property's bytes.
    func bytes(_ tag: PropertyTag) throws(LibpffError) -> [UInt8]? {
        try withEntry(tag) { entry throws(LibpffError) in try Self.withData(entry) { Array($0) } }
    }
}

/// Windows FILETIME: 100-ns ticks since 1601-01-01 UTC.
enum FileTime {
    static func date(_ filetime: UInt64) -> Date? {
        guard filetime != 0, filetime != UInt64.max else { return nil }
        let seconds = Double(filetime / 10_000_000) - 11_644_473_600
        let fraction = Double(filetime % 10_000_000) / 10_000_000
        return Date(timeIntervalSince1970: seconds + fraction)
    }
}

/// Text from NUL-terminated UTF-16LE bytes; nil when empty. Unpaired surrogates become U+FFFD.
/// Transcoded by hand, straight into the string's storage: the standard library's generic
/// UTF-16 path was the single largest cost of reading a message, and transport headers run to
/// kilobytes of ASCII.
func utf16String(_ source: UnsafeRawBufferPointer) -> String? {
    let count = source.count / 2
    guard count > 0, source[0] != 0 || source[1] != 0 else { return nil }
    // At most 3 UTF-8 bytes per UTF-16 unit (a surrogate pair: 4 for 2).
    let text = String(unsafeUninitializedCapacity: count * 3) { out in
        var written = 0
        var index = 0
        @inline(__always) func unit(_ at: Int) -> UInt32 { UInt32(source[2 &* at]) | UInt32(source[2 &* at &+ 1]) << 8 }
        while index < count {
            // Four ASCII units at a time: nearly all of a header block or an address.
            if index &+ 4 <= count {
                let four = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: 2 &* index, as: UInt64.self))
                if four & 0xFF80_FF80_FF80_FF80 == 0,
                   four & 0xFFFF != 0, four & 0xFFFF_0000 != 0, four & 0xFFFF_0000_0000 != 0, four >> 48 != 0 {
                    out[written] = UInt8(truncatingIfNeeded: four)
                    out[written &+ 1] = UInt8(truncatingIfNeeded: four >> 16)
                    out[written &+ 2] = UInt8(truncatingIfNeeded: four >> 32)
                    out[written &+ 3] = UInt8(truncatingIfNeeded: four >> 48)
                    written &+= 4
                    index &+= 4
                    continue
                }
            }
            let first = unit(index)
            index &+= 1
            if first == 0 { break }
            if first < 0x80 {
                out[written] = UInt8(truncatingIfNeeded: first)
                written &+= 1
                continue
            }
            var scalar = first
            if first & 0xFC00 == 0xD800, index < count, unit(index) & 0xFC00 == 0xDC00 {
                scalar = 0x10000 &+ ((first &- 0xD800) << 10) &+ (unit(index) &- 0xDC00)
                index &+= 1
            } else if first & 0xF800 == 0xD800 {
                scalar = 0xFFFD
            }
            switch scalar {
            case ..<0x800:
                out[written] = UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6)
                out[written &+ 1] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
                written &+= 2
            case ..<0x10000:
                out[written] = UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12)
                out[written &+ 1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
                out[written &+ 2] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
                written &+= 3
            default:
                out[written] = UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18)
                out[written &+ 1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F)
                out[written &+ 2] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
                out[written &+ 3] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
                written &+= 4
            }
        }
        return written
    }
    return text.isEmpty ? nil : text
}
