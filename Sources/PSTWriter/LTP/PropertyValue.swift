import Foundation

/// A property value and its type ([MS-OXCDATA] 2.11.1, as used by [MS-PST] 2.3.3).
enum PropertyValue: Equatable {
    case int16(Int16)
    case int32(Int32)
    case boolean(Bool)
    case int64(Int64)
    case time(Date)
    case string(String)
    case binary([UInt8])

    var type: UInt16 {
        switch self {
        case .int16: 0x0002
        case .int32: 0x0003
        case .boolean: 0x000B
        case .int64: 0x0014
        case .time: 0x0040
        case .string: 0x001F            // PtypString: UTF-16LE, no terminator
        case .binary: 0x0102
        }
    }

    /// Fixed-size values of up to 4 bytes live inside the record or row itself.
    var isInline: Bool {
        switch self {
        case .int16, .int32, .boolean: true
        default: false
        }
    }

    /// The value's size inside a table row ([MS-PST] 2.3.4.4.1): variable ones are a 4-byte HNID.
    var cellSize: Int {
        switch self {
        case .boolean: 1
        case .int16: 2
        case .int32, .string, .binary: 4
        case .int64, .time: 8
        }
    }

    var bytes: [UInt8] {
        var out: [UInt8] = []
        switch self {
        case .int16(let v): out.append(le: v)
        case .int32(let v): out.append(le: v)
        case .boolean(let v): out.append(v ? 1 : 0)
        case .int64(let v): out.append(le: v)
        case .time(let date): out.append(le: FileTime.from(date))
        case .string(let text): for unit in text.utf16 { out.append(le: unit) }
        case .binary(let data): out = data
        }
        return out
    }
}

enum FileTime {
    /// 100-ns ticks since 1601-01-01 UTC.
    static func from(_ date: Date) -> UInt64 {
        UInt64(max(0, (date.timeIntervalSince1970 + 11_644_473_600) * 10_000_000).rounded())
    }
}
