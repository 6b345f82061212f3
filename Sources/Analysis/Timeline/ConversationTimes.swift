import Foundation

/// Dates hidden in PidTagConversationIndex ([MS-OXOMSG] 2.2.1.3): the header holds the
/// thread's start time and each 5-byte response level the time since then. So a reply tells
/// when each message above it was written, even messages the store does not hold.
enum ConversationTimes {
    /// Unix times of the thread's first message and of each reply level down to this message;
    /// `nil` when the bytes are not a conversation index.
    static func times(_ index: Data) -> [Int64]? {
        let bytes = [UInt8](index)
        guard bytes.count >= 22, (bytes.count - 22) % 5 == 0, bytes[0] == 0x01 else { return nil }
        var high: UInt64 = 0
        for byte in bytes[1..<6] { high = high << 8 | UInt64(byte) }
        let start = high << 24
        var times = [unix(start)]
        var offset = 22
        while offset + 5 <= bytes.count {
            let word = bytes[offset..<offset + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            let delta = word & 0x8000_0000 == 0
                ? UInt64(word & 0x7FFF_FFFF) << 18
                : UInt64(word & 0x7FFF_FFFF) << 23
            times.append(unix(start &+ delta))
            offset += 5
        }
        return times
    }

    /// When the message this one replies to was written, if the index says.
    static func parentTime(_ index: Data) -> Int64? {
        guard let times = times(index), times.count >= 2 else { return nil }
        return times[times.count - 2]
    }

    /// When an earlier message of the thread was written: the one at `position` of the
    /// reply's References, when they name one message per level above the reply.
    static func ancestorTime(_ index: Data, position: Int, referenceCount: Int) -> Int64? {
        guard let times = times(index), times.count == referenceCount + 1, position < referenceCount else { return nil }
        return times[position]
    }

    private static func unix(_ fileTime: UInt64) -> Int64 {
        Int64(fileTime / 10_000_000) - 11_644_473_600
    }
}
