import Foundation

/// A harness's `LLVMFuzzerTestOneInput`: one input, 0 when it was taken (libFuzzer's contract).
public typealias FuzzTarget = @convention(c) (UnsafePointer<UInt8>, Int) -> CInt

/// The entry point every harness hands its target to.
///
/// SwiftPM links each executable with `main` bound to the module's own entry point, so
/// libFuzzer's `main` is never the one that runs: built with `-sanitize=fuzzer -DFUZZING`,
/// this passes the command line to libFuzzer's driver; in an ordinary build it replays the
/// files and folders named on the command line, so that the same harness checks a corpus or a
/// regression input without the fuzzer runtime.
public enum FuzzMain {
    /// `defaults` are libFuzzer flags put before the command line's, which can override them.
    public static func run(_ target: FuzzTarget, defaults: [String] = []) -> Never {
        #if FUZZING
        let arguments = CommandLine.arguments.prefix(1) + defaults + CommandLine.arguments.dropFirst()
        // libFuzzer keeps pointers into argv for the whole run: these copies are never freed.
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var argc = CInt(arguments.count)
        exit(argv.withUnsafeMutableBufferPointer { buffer in
            var pointer = buffer.baseAddress!
            return LLVMFuzzerRunDriver(&argc, &pointer, target)
        })
        #else
        exit(replay(Array(CommandLine.arguments.dropFirst()), target))
        #endif
    }

    /// Runs every file named, and every file under every folder named, through `target`.
    static func replay(_ paths: [String], _ target: FuzzTarget) -> Int32 {
        guard !paths.isEmpty else {
            FileHandle.standardError.write(Data("usage: \(CommandLine.arguments[0]) FILE_OR_FOLDER...\n".utf8))
            return 1
        }
        var count = 0
        for path in paths {
            for file in files(at: path) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    FileHandle.standardError.write(Data("cannot read \(file)\n".utf8))
                    return 1
                }
                // An empty input still needs a valid pointer: libFuzzer passes one too.
                let bytes = [UInt8](data) + [0]
                _ = bytes.withUnsafeBufferPointer { target($0.baseAddress!, data.count) }
                count += 1
            }
        }
        print("replayed \(count) inputs")
        return 0
    }

    private static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return [path]
        }
        let names = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String]) ?? []
        return names.sorted().map { path + "/" + $0 }.filter { name in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: name, isDirectory: &isFolder) && !isFolder.boolValue
        }
    }
}

#if FUZZING
/// libFuzzer's driver, from the fuzzer runtime that `-sanitize=fuzzer` links in.
@_extern(c, "LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ target: FuzzTarget) -> CInt
#endif
