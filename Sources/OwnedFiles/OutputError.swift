import Foundation

/// Why pstscope would not, or could not, write an output.
public enum OutputError: Error, Equatable, CustomStringConvertible {
    /// The directory holds files pstscope did not write there.
    case foreignDirectory(String)
    /// The file exists and pstscope did not write it.
    case foreignFile(String)
    case notADirectory(String)
    case unreadableDirectory(String)
    case system(String, Int32)

    public var description: String {
        switch self {
        case .foreignDirectory(let path):
            "\(path) holds files pstscope did not write: give a new or empty directory, or one pstscope wrote"
        case .foreignFile(let path):
            "\(path) exists and pstscope did not write it: move it away or choose another name"
        case .notADirectory(let path):
            "\(path) is not a directory"
        case .unreadableDirectory(let path):
            "cannot list \(path)"
        case .system(let path, let code):
            "cannot write \(path): \(String(cString: strerror(code)))"
        }
    }
}
