import Foundation

/// Failures of the node database layer.
public enum NDBError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotCreate(path: String, errno: Int32)
    case writeFailed(errno: Int32)
    case blockTooLarge(Int)
    case tooManyBlocks(Int)
    case tooManyMessages

    public var description: String {
        switch self {
        case .cannotCreate(let path, let code): "cannot create \(path): \(String(cString: strerror(code)))"
        case .writeFailed(let code): "write failed: \(String(cString: strerror(code)))"
        case .blockTooLarge(let size): "block data of \(size) bytes exceeds the 8,176 a block can hold"
        case .tooManyBlocks(let count): "a data tree of \(count) blocks exceeds what an XXBLOCK can address"
        case .tooManyMessages: "message identifiers exhausted: a file holds at most 67 million messages"
        }
    }
}
