import Foundation

/// Failures of the node database layer.
public enum NDBError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotCreate(path: String, errno: Int32)
    case writeFailed(errno: Int32)
    case blockTooLarge(Int)
    case tooManyBlocks(Int)
    case tooManyNodes(UInt32)

    public var description: String {
        switch self {
        case .cannotCreate(let path, let code): "cannot create \(path): \(String(cString: strerror(code)))"
        case .writeFailed(let code): "write failed: \(String(cString: strerror(code)))"
        case .blockTooLarge(let size): "block data of \(size) bytes exceeds the 8,176 a block can hold"
        case .tooManyBlocks(let count): "a data tree of \(count) blocks exceeds what an XXBLOCK can address"
        case .tooManyNodes(let type): "node identifiers of type \(type) exhausted: a file holds at most 134 million of each"
        }
    }
}
