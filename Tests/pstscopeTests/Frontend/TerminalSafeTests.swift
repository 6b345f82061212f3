import Testing
@testable import pstscope

/// Text from a PST cannot drive the terminal.
struct TerminalSafeTests {
    @Test func controlCharactersAndBidiOverridesAreReplaced() {
        #expect(terminalSafe("Jane\u{1B}[31m red\u{7}") == "Jane\u{FFFD}[31m red\u{FFFD}")
        #expect(terminalSafe("abc\u{202E}fdp.exe") == "abc\u{FFFD}fdp.exe")
        #expect(terminalSafe("Zoë 😀 שלום") == "Zoë 😀 שלום")
    }
}
