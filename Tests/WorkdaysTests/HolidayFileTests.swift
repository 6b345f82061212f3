import MailModel
import Testing
import Workdays

@Suite struct HolidayFileTests {
    @Test func parsesCommentsBlanksAndDefaultName() throws {
        let text = """
            # company shutdown
            2023-12-27   Winter break\t

              2023-12-28
            2023-12-29 Winter break
            2023-12-29 Inventory
            """
        let holidays = try HolidayFile.parse(text)
        #expect(holidays == [
            Day(2023, 12, 27): "Winter break",
            Day(2023, 12, 28): "Holiday",
            Day(2023, 12, 29): "Winter break / Inventory",
        ])
    }

    @Test func acceptsCRLF() throws {
        let holidays = try HolidayFile.parse("# x\r\n2024-01-02 Bridge day\r\n\r\n2024-05-10 Brückentag\r\n")
        #expect(holidays == [Day(2024, 1, 2): "Bridge day", Day(2024, 5, 10): "Brückentag"])
    }

    @Test func emptyFile() throws {
        #expect(try HolidayFile.parse("").isEmpty)
        #expect(try HolidayFile.parse("\n# nothing\n\n").isEmpty)
    }

    @Test func errorNamesTheLine() {
        #expect(throws: HolidayFileError(line: 3, text: "2023-02-30 Foo")) {
            try HolidayFile.parse("# header\n2023-01-02 A\n  2023-02-30 Foo  \n2023-01-03 B\n")
        }
        #expect(HolidayFileError(line: 3, text: "2023-02-30 Foo").description
            == #"line 3: "2023-02-30 Foo" is not "YYYY-MM-DD name""#)
    }

    @Test func errorLineCountsCRLF() {
        #expect(throws: HolidayFileError(line: 4, text: "2023-1-5 Bad")) {
            try HolidayFile.parse("2023-01-02 A\r\n\r\n# c\r\n2023-1-5 Bad\r\n")
        }
    }

    @Test(arguments: ["2023-01-01X", "2023-01-01-Foo", "Foo 2023-01-01", "2023-01", "20230101 Foo"])
    func rejectsMalformed(_ line: String) {
        #expect(throws: HolidayFileError(line: 1, text: line)) { try HolidayFile.parse(line) }
    }
}
