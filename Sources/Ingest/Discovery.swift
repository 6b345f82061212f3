import Foundation
import MailModel

/// Expands the command line's paths into the inputs of a run: files as named, directories
/// searched recursively for `.pst`/`.ost`, shell-style patterns matched with glob(3).
/// Paths that lead nowhere become problems, reported like any failed file.
public enum Discovery {
    public enum Input: Sendable, Equatable {
        case file(String)
        case problem(path: String, kind: ImportErrorKind, message: String)

        public var path: String {
            switch self {
            case .file(let path), .problem(let path, _, _): path
            }
        }
    }

    static let extensions: Set<String> = ["pst", "ost"]

    /// Absolute, standardised paths, in command-line order, each directory's files sorted.
    /// A file reached twice is listed once.
    public static func expand(_ arguments: [String], currentDirectory: String = FileManager.default.currentDirectoryPath)
        -> [Input]
    {
        var inputs: [Input] = []
        var seen: Set<String> = []
        func add(_ input: Input) {
            if seen.insert(input.path).inserted { inputs.append(input) }
        }
        for argument in arguments {
            let path = absolute(argument, in: currentDirectory)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                if isDirectory.boolValue {
                    let found = filesInDirectory(path)
                    if found.isEmpty {
                        add(.problem(path: path, kind: .noPSTFiles, message: "no .pst or .ost files in this directory"))
                    }
                    found.forEach { add(.file($0)) }
                } else {
                    add(.file(path))
                }
            } else if argument.contains(where: { "*?[".contains($0) }) {
                let matches = glob(path).filter { extensions.contains(URL(fileURLWithPath: $0).pathExtension.lowercased()) }
                if matches.isEmpty {
                    add(.problem(path: path, kind: .notFound, message: "no .pst or .ost file matches this pattern"))
                }
                matches.forEach { add(.file($0)) }
            } else {
                add(.problem(path: path, kind: .notFound, message: "no such file or directory"))
            }
        }
        return inputs
    }

    static func absolute(_ path: String, in directory: String) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: directory).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }

    private static func filesInDirectory(_ directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(
            at: URL(fileURLWithPath: directory), includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        var files: [String] = []
        for case let url as URL in enumerator where extensions.contains(url.pathExtension.lowercased()) {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                files.append(url.standardizedFileURL.path)
            }
        }
        return files.sorted()
    }

    private static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { result.gl_pathv[$0].map { String(cString: $0) } }.sorted()
    }
}
