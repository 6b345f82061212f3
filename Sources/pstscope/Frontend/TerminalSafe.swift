import Foundation

/// Text from a PST (a custodian taken from a store name, an error quoting it) may hold control
/// characters or bidirectional overrides; on a terminal they could move the cursor, recolour the
/// screen or reorder what is shown. Each becomes U+FFFD.
func terminalSafe(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
        let isControl = scalar.properties.generalCategory == .control
        let isBidiOverride = (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        return isControl || isBidiOverride ? "\u{FFFD}" : scalar
    }))
}
