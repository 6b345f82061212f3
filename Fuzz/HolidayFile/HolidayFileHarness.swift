import MailModel
import FuzzSupport
import Workdays

/// A holiday file (`analyze --holiday-file FILE`, and as stored with the timeline settings): any text, one "YYYY-MM-DD name" a line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do throws(HolidayFileError) {
        for (day, name) in try HolidayFile.parse(text) {
            precondition(!name.isEmpty, "a holiday without a name")
            precondition(Day(iso: day.description) == day, "a day that does not read back")
        }
    } catch {
        precondition(error.line >= 1, "an error on line \(error.line)")
    }
    return 0
}

@main enum HolidayFileHarness {
    static func main() { FuzzMain.run(fuzz) }
}
