import Foundation
import Testing
@testable import PSTReader

/// `FileHeader` on HEADERs laid out field by field in the order and sizes [MS-PST] 2.2.2.6
/// (HEADER) and 2.2.2.5 (ROOT) list them, with distinct values in the fields around the one
/// read, so that a field read at the wrong offset or width gives a wrong number.
struct FileHeaderTests {
    /// Little-endian fields appended in order.
    struct Fields {
        var bytes: [UInt8] = []
        mutating func raw(_ values: [UInt8]) { bytes += values }
        mutating func u8(_ value: UInt8) { bytes.append(value) }
        mutating func u16(_ value: UInt16) { bytes += (0..<2).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        mutating func u32(_ value: UInt32) { bytes += (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        mutating func u64(_ value: UInt64) { bytes += (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        mutating func fill(_ count: Int, _ value: UInt8) { bytes += Array(repeating: value, count: count) }
    }

    static let magic: [UInt8] = [0x21, 0x42, 0x44, 0x4E]  // "!BDN"

    /// A Unicode HEADER (564 bytes): wVer 23, or 36 for Outlook 2013's 4 KiB-page OST.
    static func unicode(version: UInt16 = 23, fileEof: UInt64, crypt: UInt8 = 0x01) -> [UInt8] {
        var h = Fields()
        h.raw(magic)                                    // dwMagic
        h.u32(0xDEAD_BEEF)                              // dwCRCPartial (not checked here)
        h.raw([0x53, 0x4D])                             // wMagicClient "SM"
        h.u16(version)                                  // wVer
        h.u16(19)                                       // wVerClient
        h.u8(1); h.u8(1)                                // bPlatformCreate, bPlatformAccess
        h.u32(0x1111_1111); h.u32(0x2222_2222)          // dwReserved1, dwReserved2
        h.u64(0x0000_0001_0000_0004)                    // bidUnused
        h.u64(0x0000_0000_0000_5A5C)                    // bidNextP
        h.u32(0x3333_3333)                              // dwUnique
        for type in 0..<32 { h.u32(0x400 + UInt32(type)) }  // rgnid[32]
        h.u64(0)                                        // qwUnused
        // ROOT, 72 bytes
        h.u32(0x4444_4444)                              // dwReserved
        h.u64(fileEof)                                  // ibFileEof
        h.u64(0x0000_0000_0008_4400)                    // ibAMapLast
        h.u64(0x0000_0000_0000_7E00)                    // cbAMapFree
        h.u64(0x0000_0000_0000_0200)                    // cbPMapFree
        h.u64(0x0000_0000_0000_0124); h.u64(0x0000_0000_0002_0000)  // BREFNBT (bid, ib)
        h.u64(0x0000_0000_0000_0128); h.u64(0x0000_0000_0002_0200)  // BREFBBT
        h.u8(0x02); h.u8(0); h.u16(0)                   // fAMapValid, bReserved, wReserved
        h.u32(0)                                        // dwAlign
        h.fill(128, 0xFF); h.fill(128, 0xFF)            // rgbFM, rgbFP
        h.u8(0x80)                                      // bSentinel
        h.u8(crypt)                                     // bCryptMethod
        h.u16(0)                                        // rgbReserved
        h.u64(0x0000_0000_0000_1234)                    // bidNextB
        h.u32(0xCAFE_F00D)                              // dwCRCFull (not checked here)
        h.fill(3, 0); h.u8(0); h.fill(32, 0)            // rgbReserved2, bReserved, rgbReserved3
        return h.bytes
    }

    /// An ANSI HEADER (512 bytes): wVer 14 or 15, 4-byte file offsets.
    static func ansi(version: UInt16 = 14, fileEof: UInt32, crypt: UInt8 = 0x01) -> [UInt8] {
        var h = Fields()
        h.raw(magic)                                    // dwMagic
        h.u32(0xDEAD_BEEF)                              // dwCRCPartial
        h.raw([0x53, 0x4D])                             // wMagicClient
        h.u16(version)                                  // wVer
        h.u16(19)                                       // wVerClient
        h.u8(1); h.u8(1)                                // bPlatformCreate, bPlatformAccess
        h.u32(0x1111_1111); h.u32(0x2222_2222)          // dwReserved1, dwReserved2
        h.u32(0x0000_5A60)                              // bidNextB
        h.u32(0x0000_5A5C)                              // bidNextP
        h.u32(0x3333_3333)                              // dwUnique
        for type in 0..<32 { h.u32(0x400 + UInt32(type)) }  // rgnid[32]
        // ROOT, 40 bytes
        h.u32(0x4444_4444)                              // dwReserved
        h.u32(fileEof)                                  // ibFileEof
        h.u32(0x0008_4400)                              // ibAMapLast
        h.u32(0x0000_7E00)                              // cbAMapFree
        h.u32(0x0000_0200)                              // cbPMapFree
        h.u32(0x0000_0124); h.u32(0x0002_0000)          // BREFNBT (bid, ib)
        h.u32(0x0000_0128); h.u32(0x0002_0200)          // BREFBBT
        h.u8(0x02); h.u8(0); h.u16(0)                   // fAMapValid, bReserved, wReserved
        h.fill(128, 0xFF); h.fill(128, 0xFF)            // rgbFM, rgbFP
        h.u8(0x80)                                      // bSentinel
        h.u8(crypt)                                     // bCryptMethod
        h.u16(0)                                        // rgbReserved
        h.u64(0)                                        // ullReserved
        h.u32(0)                                        // dwReserved
        h.fill(3, 0); h.u8(0); h.fill(32, 0)            // rgbReserved2, bReserved, rgbReserved3
        return h.bytes
    }

    /// What was read, as (format, declared size), or the problem.
    enum Read: Equatable {
        case header(FileFormat, Int64)
        case problem(FileHeader.Problem)
    }

    func parse(_ bytes: [UInt8]) -> Read {
        do throws(FileHeader.Problem) {
            let header = try FileHeader(bytes)
            return .header(header.format, header.declaredSize)
        } catch {
            return .problem(error)
        }
    }

    /// The builders follow the spec's sizes: a Unicode HEADER is 564 bytes, an ANSI one 512,
    /// and the offsets the spec's own examples and libpff's notes give (wVer at 0x0A, ROOT at
    /// 0xB4 and 0xA4, bCryptMethod at 0x201 and 0x1CD) land where expected.
    @Test func theBuildersFollowTheSpec() {
        let unicode = Self.unicode(fileEof: 0x0102_0304_0506_0708, crypt: 0x02)
        #expect(unicode.count == 564)
        #expect(unicode[0x0A] == 23 && unicode[0x0B] == 0)
        #expect(unicode[0xB4..<0xB8].elementsEqual([0x44, 0x44, 0x44, 0x44]))
        #expect(unicode[0xB8] == 0x08 && unicode[0xBF] == 0x01)
        #expect(unicode[0x200] == 0x80 && unicode[0x201] == 0x02)
        let ansi = Self.ansi(fileEof: 0x0A0B_0C0D, crypt: 0x02)
        #expect(ansi.count == 512)
        #expect(ansi[0xA4..<0xA8].elementsEqual([0x44, 0x44, 0x44, 0x44]))
        #expect(ansi[0xA8] == 0x0D && ansi[0xAB] == 0x0A)
        #expect(ansi[0x1CC] == 0x80 && ansi[0x1CD] == 0x02)
    }

    /// ibFileEof is 8 bytes, little-endian: above 4 GiB, every byte counts.
    @Test func unicodeHeaderGivesItsFormatAndDeclaredSize() {
        let size: UInt64 = 0x0000_0012_3456_789A  // 78,187,493,530 bytes
        #expect(parse(Self.unicode(fileEof: size)) == .header(.unicode64, 78_187_493_530))
        #expect(parse(Self.unicode(fileEof: 2_302_976)) == .header(.unicode64, 2_302_976))
    }

    /// Outlook 2013's OST with 4 KiB pages (wVer 36) keeps the Unicode HEADER layout.
    @Test func version36IsUnicodeWith4KiBPages() {
        #expect(parse(Self.unicode(version: 36, fileEof: 0x0000_0001_0000_0000))
                == .header(.unicode64k4, 4_294_967_296))
    }

    /// ANSI (wVer 14 or 15): ibFileEof is 4 bytes at 0xA8, unsigned; the ibAMapLast after it is
    /// not part of it.
    @Test(arguments: [UInt16(14), 15])
    func ansiHeaderGivesItsFormatAndDeclaredSize(version: UInt16) {
        #expect(parse(Self.ansi(version: version, fileEof: 271_360))
                == .header(.ansi32, 271_360))
        // Above 2 GiB: not sign-extended.
        #expect(parse(Self.ansi(version: version, fileEof: 0x8765_4321))
                == .header(.ansi32, 2_271_560_481))
    }

    /// The encoding (bCryptMethod: none, permute, cyclic, WIP) is libpff's business: the header
    /// fields read here are the same whatever it is.
    @Test(arguments: [UInt8(0x00), 0x01, 0x02, 0x10])
    func theEncryptionByteDoesNotMatter(crypt: UInt8) {
        #expect(parse(Self.unicode(fileEof: 9_999_872, crypt: crypt))
                == .header(.unicode64, 9_999_872))
        #expect(parse(Self.ansi(fileEof: 9_999_872, crypt: crypt))
                == .header(.ansi32, 9_999_872))
    }

    /// What the opener reads, the first `FileHeader.length` bytes, is enough: it reaches the end
    /// of the Unicode ibFileEof (ROOT at 0xB4 + 4 + 8 = 0xC0), the last field needed.
    @Test func thePrefixReadIsEnough() {
        #expect(FileHeader.length >= 0xC0)
        #expect(parse(Array(Self.unicode(fileEof: 123_456).prefix(0xC0)))
                == .header(.unicode64, 123_456))
        #expect(parse(Array(Self.ansi(fileEof: 123_456).prefix(FileHeader.length)))
                == .header(.ansi32, 123_456))
    }

    /// Anything but "!BDN" in the first four bytes is not a PST, whatever follows.
    @Test func badMagicIsNotAPST() {
        for position in 0..<4 {
            var header = Self.unicode(fileEof: 1 << 20)
            header[position] ^= 0x20
            #expect(parse(header) == .problem(.notPST), "magic byte \(position) changed")
        }
        var reversed = Self.unicode(fileEof: 1 << 20)
        reversed[0..<4] = [0x4E, 0x44, 0x42, 0x21]   // "NDB!": the magic read as a big-endian number
        #expect(parse(reversed) == .problem(.notPST))
        #expect(parse([]) == .problem(.notPST))
        #expect(parse([0x21, 0x42, 0x44]) == .problem(.notPST))
        #expect(parse(Array("Return-Path: <a@b.example>\r\n".utf8) + Array(repeating: 0, count: 600)) == .problem(.notPST))
    }

    /// A header cut before the fields read is refused, not read past its end.
    @Test func truncatedHeaderIsRefused() {
        let unicode = Self.unicode(fileEof: 1 << 20)
        for length in [4, 0x0B, 0x0C, 0xA8, 0xBF] {
            #expect(parse(Array(unicode.prefix(length))) == .problem(.notPST), "\(length) bytes")
        }
        let ansi = Self.ansi(fileEof: 1 << 20)
        #expect(parse(Array(ansi.prefix(0xA8))) == .problem(.notPST))
    }

    /// wVer is little-endian; versions the spec and libpff do not describe are named.
    @Test func otherVersionsAreNamed() {
        #expect(parse(Self.unicode(version: 0x1700, fileEof: 1)) == .problem(.unknownVersion(0x1700)))
        for version: UInt16 in [0, 13, 16, 22, 24, 35, 0xFFFF] {
            #expect(parse(Self.unicode(version: version, fileEof: 1)) == .problem(.unknownVersion(version)))
        }
    }
}
