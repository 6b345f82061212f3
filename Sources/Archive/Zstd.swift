import CZstd
import Foundation
import OwnedFiles

/// Why a file could not be compressed or decompressed. One line.
public struct ArchiveError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// Whole files in Zstandard's format, through libzstd's streaming API: a buffer at a time, so
/// that memory stays the same whatever the size of the store being backed up.
public enum Zstd {
    /// The first four bytes of every Zstandard frame.
    public static let magic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]

    /// Whether `path` starts like a Zstandard file.
    public static func isCompressed(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 4)).map { [UInt8]($0) == magic } ?? false
    }

    /// Writes `source`, compressed, to the new private file `destination`.
    public static func compress(_ source: String, to destination: String, level: Int32 = 6) throws(ArchiveError) {
        guard let stream = ZSTD_createCStream() else { throw ArchiveError(description: "cannot start zstd") }
        defer { ZSTD_freeCStream(stream) }
        try check(ZSTD_CCtx_setParameter(stream, ZSTD_c_compressionLevel, level), destination)
        try check(ZSTD_CCtx_setParameter(stream, ZSTD_c_checksumFlag, 1), destination)
        try transform(source, to: destination, inputSize: ZSTD_CStreamInSize(), outputSize: ZSTD_CStreamOutSize()) {
            input, output, last throws(ArchiveError) in
            let remaining = ZSTD_compressStream2(stream, &output, &input, last ? ZSTD_e_end : ZSTD_e_continue)
            try check(remaining, destination)
            return last ? remaining == 0 : input.pos == input.size
        }
    }

    /// Writes `source`, decompressed, to the new private file `destination`.
    public static func decompress(_ source: String, to destination: String) throws(ArchiveError) {
        guard let stream = ZSTD_createDStream() else { throw ArchiveError(description: "cannot start zstd") }
        defer { ZSTD_freeDStream(stream) }
        var frameEnded = true
        try transform(source, to: destination, inputSize: ZSTD_DStreamInSize(), outputSize: ZSTD_DStreamOutSize()) {
            input, output, last throws(ArchiveError) in
            // Every earlier buffer was decoded to its end: the empty last one has nothing to add.
            if last { return true }
            let hint = ZSTD_decompressStream(stream, &output, &input)
            try check(hint, source)
            frameEnded = hint == 0
            // A frame that ended is wholly written out, even when it filled the output buffer
            // exactly (a store a whole number of 128 KiB long): asked again, libzstd would start
            // on a next frame and wait for more input.
            if frameEnded { return input.pos == input.size }
            // Otherwise done with this input once it is consumed and the output buffer was not filled.
            return input.pos == input.size && output.pos < output.size
        }
        guard frameEnded else { throw ArchiveError(description: "\(source): the compressed file is cut short") }
    }

    /// Reads `source` a buffer at a time and hands each buffer to `step` until it says the
    /// buffer is done (`last` is true for the final, empty, read), writing what it produces to
    /// the new file `destination`.
    private static func transform(
        _ source: String, to destination: String, inputSize: Int, outputSize: Int,
        step: (inout ZSTD_inBuffer, inout ZSTD_outBuffer, Bool) throws(ArchiveError) -> Bool
    ) throws(ArchiveError) {
        try FilePair.open(source, destination) { (reading, writing) throws(ArchiveError) in
            let inputBuffer = UnsafeMutableRawPointer.allocate(byteCount: inputSize, alignment: 16)
            let outputBuffer = UnsafeMutableRawPointer.allocate(byteCount: outputSize, alignment: 16)
            defer {
                inputBuffer.deallocate()
                outputBuffer.deallocate()
            }
            while true {
                let count = read(reading, inputBuffer, inputSize)
                guard count >= 0 else { throw ArchiveError(reading: source) }
                let last = count == 0
                var input = ZSTD_inBuffer(src: inputBuffer, size: count, pos: 0)
                var done = false
                while !done {
                    var output = ZSTD_outBuffer(dst: outputBuffer, size: outputSize, pos: 0)
                    done = try step(&input, &output, last)
                    try FilePair.write(outputBuffer, output.pos, to: writing, destination)
                }
                if last { break }
            }
        }
    }

    private static func check(_ code: Int, _ path: String) throws(ArchiveError) {
        if ZSTD_isError(code) != 0 {
            throw ArchiveError(description: "\(path): \(String(cString: ZSTD_getErrorName(code)))")
        }
    }
}
