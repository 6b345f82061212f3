import Testing
@testable import Reports

struct CSVTests {
    @Test func followsRFC4180() {
        var table = CSVTable(header: ["name", "note"])
        table.append(["plain", "a, b"])
        table.append(["say \"hi\"", "line\none"])
        table.append([.empty, .int(42)])
        #expect(table.text == "name,note\r\nplain,\"a, b\"\r\n\"say \"\"hi\"\"\",\"line\none\"\r\n,42\r\n")
    }

    @Test(arguments: ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1"])
    func formulaPrefixesBecomeText(_ hostile: String) {
        var table = CSVTable(header: ["subject"])
        table.append([.text(hostile)])
        let line = String(table.text.dropFirst("subject\r\n".count).dropLast())
        #expect(line.hasPrefix("'") || line.hasPrefix("\"'"), "\(line)")
        #expect(line.contains(hostile.replacingOccurrences(of: "\"", with: "\"\"")))
    }

    @Test func numbersAreNotNeutralised() {
        var table = CSVTable(header: ["n", "x"])
        table.append([.number("-3"), .double(-1.5)])
        #expect(table.text.hasSuffix("-3,-1.50\r\n"))
    }
}
