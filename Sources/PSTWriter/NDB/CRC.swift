/// The CRC of [MS-PST] 5.3: CRC-32 (reflected polynomial 0xEDB88320) with an initial
/// value of 0 and no final inversion.
enum CRC {
    static func compute<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var crc: UInt32 = 0
        for byte in bytes {
            crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return crc
    }

    private static let table: [UInt32] = (0..<256).map { index -> UInt32 in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1 }
        return value
    }
}

/// Block and page signature ([MS-PST] 5.5, ComputeSig).
func signature(ib: UInt64, bid: UInt64) -> UInt16 {
    let mixed = ib ^ bid
    return UInt16(truncatingIfNeeded: mixed >> 16) ^ UInt16(truncatingIfNeeded: mixed)
}
