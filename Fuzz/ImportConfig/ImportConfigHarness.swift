import FuzzSupport
import ImportSettings
import Ingest

/// `pstscope.toml` (`import --config FILE`): any text, read as TOML into the import settings.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let config = try? ImportConfig.parse(text) else { return 0 }
    if let jobs = config.jobs { precondition(jobs >= 1, "import.jobs \(jobs) accepted") }
    if let seconds = config.workerTimeout { precondition(seconds > 0, "import.worker_timeout \(seconds) accepted") }
    for (key, path) in AlertThresholds.keys {
        let value = config.thresholds[keyPath: path]
        precondition(value.isFinite && value >= 0, "alerts.\(key) \(value) accepted")
    }
    return 0
}

#if FUZZING
/// LeakSanitizer's suppressions, read at start-up: TOMLKit never frees what it allocates (a
/// `TOMLTable` has no deinit, `init(string:)` keeps its error buffer, `keys` its C array), a
/// few hundred bytes for each document parsed. The executable parses one config a run, so that
/// costs nothing there, and it is not pstscope's to fix; any other leak is still reported.
@_cdecl("__lsan_default_suppressions")
public func leakSuppressions() -> UnsafePointer<CChar> {
    UnsafeRawPointer(("leak:TOMLKit\n\0" as StaticString).utf8Start).assumingMemoryBound(to: CChar.self)
}

/// Without this, every leak check (one an input) prints what the suppression above matched.
@_cdecl("__lsan_default_options")
public func leakOptions() -> UnsafePointer<CChar> {
    UnsafeRawPointer(("print_suppressions=0\0" as StaticString).utf8Start).assumingMemoryBound(to: CChar.self)
}
#endif

@main enum ImportConfigHarness {
    /// Leaks are looked for at exit, not after each input: TOMLKit leaks on every input, so
    /// libFuzzer would scan the whole heap each time, some fifty times slower.
    static func main() { FuzzMain.run(fuzz, defaults: ["-detect_leaks=0"]) }
}
