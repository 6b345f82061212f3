import Foundation
import MailModel

/// The fields of the PST HEADER ([MS-PST] 2.2.2.6) read before libpff opens a file,
/// so that a wrong or damaged file gets a precise reason.
public struct FileHeader: Equatable, Sendable {
    public var format: FileFormat
    /// ROOT.ibFileEof: the size the file had when it was last written.
    public var declaredSize: Int64

    /// The smallest prefix holding every field read here.
    public static let length = 0xC0

    public enum Problem: Error, Equatable, Sendable {
        case notPST
        case unknownVersion(UInt16)
    }

    public init(_ bytes: [UInt8]) throws(Problem) {
        // dwMagic "!BDN"
        guard bytes.count >= 4, bytes[0..<4].elementsEqual([0x21, 0x42, 0x44, 0x4E]) else {
            throw .notPST
        }
        guard bytes.count >= Self.length else { throw .notPST }
        // wVer: 14/15 ANSI, 23 Unicode, 36 Unicode with 4 KiB pages (OST 2013).
        let version = UInt16(bytes[0x0A]) | UInt16(bytes[0x0B]) << 8
        switch version {
        case 14, 15:
            format = .ansi32
            declaredSize = Self.little(bytes, at: 0xA8, count: 4)  // ROOT at 0xA4, after dwReserved
        case 23:
            format = .unicode64
            declaredSize = Self.little(bytes, at: 0xB8, count: 8)  // ROOT at 0xB4, after dwReserved
        case 36:
            format = .unicode64k4
            declaredSize = Self.little(bytes, at: 0xB8, count: 8)
        default:
            throw .unknownVersion(version)
        }
    }

    private static func little(_ bytes: [UInt8], at offset: Int, count: Int) -> Int64 {
        var value: UInt64 = 0
        for index in (0..<count).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
        return Int64(bitPattern: value)
    }
}

public enum FileFormat: String, Sendable, Codable {
    case ansi32 = "ANSI 32-bit"
    case unicode64 = "Unicode 64-bit"
    case unicode64k4 = "Unicode 64-bit 4k"
}

public enum ContentType: String, Sendable, Codable {
    case pst, ost, pab
}

public enum Encryption: String, Sendable, Codable {
    case none, compressible, high
}

/// What is known of a file once it is open.
public struct PSTFileInfo: Sendable, Equatable {
    public var path: String
    public var size: Int64
    public var format: FileFormat
    public var contentType: ContentType
    public var encryption: Encryption
    /// The message store's display name (PidTagDisplayName), e.g. "Personal Folders".
    public var displayName: String?
    /// ROOT.ibFileEof from the header.
    public var declaredSize: Int64

    /// The file is shorter than its header says: it was cut off.
    public var isTruncated: Bool { size < declaredSize }

    /// What to say of a cut-off file, nil for a whole one.
    public var truncation: String? {
        isTruncated ? Self.truncation(declaredSize: declaredSize, size: size) : nil
    }

    static func truncation(declaredSize: Int64, size: Int64) -> String {
        "truncated: the header declares \(declaredSize) bytes, the file has \(size)"
    }
}

/// Why a file could not be opened. The text is one line, without the path.
public enum PSTOpenError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound
    case isDirectory
    case notRegularFile
    case permissionDenied
    case unreadable(errno: Int32)
    case empty
    case notPST
    case unsupportedVersion(UInt16)
    case corrupt(String)
    /// Shorter than its header says, and libpff could not open what is left.
    case truncated(declaredSize: Int64, size: Int64, cause: String)

    public var description: String {
        switch self {
        case .notFound: "no such file"
        case .isDirectory: "is a directory"
        case .notRegularFile: "not a regular file"
        case .permissionDenied: "permission denied"
        case .unreadable(let code): "cannot read: \(String(cString: strerror(code)))"
        case .empty: "empty file (0 bytes)"
        case .notPST: "not a PST or OST file (no !BDN signature)"
        case .unsupportedVersion(let version): "unsupported PST version \(version)"
        case .corrupt(let cause): "corrupt PST: \(cause)"
        case .truncated(let declaredSize, let size, let cause):
            PSTFileInfo.truncation(declaredSize: declaredSize, size: size) + "; corrupt PST: \(cause)"
        }
    }

    /// A short machine-readable name for reports and error tables.
    public var kind: ImportErrorKind {
        switch self {
        case .notFound: .notFound
        case .isDirectory, .notRegularFile: .notAFile
        case .permissionDenied: .permissionDenied
        case .unreadable: .ioError
        case .empty: .emptyFile
        case .notPST, .unsupportedVersion: .notPST
        case .corrupt: .corruptFile
        case .truncated: .truncatedFile
        }
    }
}
