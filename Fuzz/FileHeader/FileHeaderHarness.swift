import FuzzSupport
import PSTReader

/// A file's first bytes, as PSTFile reads them before libpff sees the file: at most
/// `FileHeader.length`, fewer for a short file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size).prefix(FileHeader.length))
    do throws(FileHeader.Problem) {
        _ = try FileHeader(bytes)
        precondition(bytes.starts(with: [0x21, 0x42, 0x44, 0x4E]), "a header accepted without !BDN")
    } catch {
        _ = error
    }
    return 0
}

@main enum FileHeaderHarness {
    static func main() { FuzzMain.run(fuzz) }
}
