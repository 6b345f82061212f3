import Foundation

/// Recognises what `synth` wrote before, so that writing again replaces only its own files:
/// its truth file (a JSON document that opens with the contact items and closes with the
/// scenario and seed, as `TruthJSON` lays it out) and the PSTs beside it.
public enum OwnOutput {
    /// True when `path` is a truth file written by synth.
    public static func isTruthFile(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 32)) ?? Data()
        guard head.starts(with: Data(#"{"contact_items":["#.utf8)) else { return false }
        guard let size = try? handle.seekToEnd(), size > 0 else { return false }
        try? handle.seek(toOffset: size > 256 ? size - 256 : 0)
        let tail = String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
        return tail.contains(/\],"scenario":"[a-z]+","seed":[0-9]+\}\s*$/)
    }

    /// True when `path` is a PST (its header's magic) that synth wrote together with the truth
    /// file `truth`.
    public static func isPST(_ path: String, besideTruth truth: String) -> Bool {
        guard isTruthFile(truth), let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 4)) == Data("!BDN".utf8)
    }
}
