/// PidTagConversationIndex values ([MS-OXOMSG] 2.2.1.3): a 22-byte header for the thread's
/// first message, and one 5-byte response level appended per reply, so every message of a
/// thread shares the header and a reply's index extends its parent's.
enum ConversationIndex {
    /// FILETIME (100 ns since 1601-01-01) of a Unix time.
    static func fileTime(_ unix: Int64) -> UInt64 {
        UInt64(unix + 11_644_473_600) * 10_000_000
    }

    /// Reserved 0x01, the 40 high bits of the FILETIME (big-endian), then the thread's GUID.
    static func header(rootTime: Int64, guid: [UInt8]) -> [UInt8] {
        precondition(guid.count == 16)
        let time = fileTime(rootTime) >> 24
        var bytes: [UInt8] = [0x01]
        for shift in stride(from: 32, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: time >> UInt64(shift)))
        }
        return bytes + guid
    }

    /// The parent's index plus one response level: DeltaCode (1 bit) and TimeDelta (31 bits)
    /// for the time since the thread began, then 4 random bits and a 4-bit sequence count.
    static func reply(to parent: [UInt8], rootTime: Int64, time: Int64, random: UInt8) -> [UInt8] {
        let delta = fileTime(max(time, rootTime)) - fileTime(rootTime)
        // DeltaCode 0 keeps bits 48..18 of the difference; 1 keeps bits 53..23 for long threads.
        let word: UInt32 = delta >> 49 == 0
            ? UInt32(truncatingIfNeeded: (delta >> 18) & 0x7FFF_FFFF)
            : 0x8000_0000 | UInt32(truncatingIfNeeded: (delta >> 23) & 0x7FFF_FFFF)
        let level = (parent.count - 22) / 5 + 1
        return parent + [
            UInt8(truncatingIfNeeded: word >> 24), UInt8(truncatingIfNeeded: word >> 16),
            UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word),
            (random & 0x0F) << 4 | UInt8(level & 0x0F),
        ]
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
