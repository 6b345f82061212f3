import MailModel
import Foundation
import PSTWriter
@testable import Synth

/// One generated mailbox as the writer would see it, plus its truth. Built once per scenario
/// and shared by the tests that read it.
struct Mailbox: Sendable {
    struct Delivery: Sendable, Equatable {
        var file: Int
        var folder: FolderRole
        var message: MessageSpec
    }

    let synthesizer: Synthesizer
    /// Mail, in the order the writer got it.
    let deliveries: [Delivery]
    /// The address-book items (IPM.Contact), written after the mail.
    let addressBook: [Delivery]
    let truth: Truth

    init(_ scenario: Scenario, messages: Int? = nil, seed: UInt64 = 1) {
        synthesizer = Synthesizer(scenario: scenario, messages: messages, seed: seed)
        var deliveries: [Delivery] = []
        truth = try! synthesizer.generate { deliveries.append(Delivery(file: $0, folder: $1, message: $2)) }
        self.deliveries = deliveries.filter { $0.message.messageClass != "IPM.Contact" }
        addressBook = deliveries.filter { $0.message.messageClass == "IPM.Contact" }
    }

    static let steady = Mailbox(.steady)
    static let gappy = Mailbox(.gappy)
    static let multi = Mailbox(.multi)
    static let hostile = Mailbox(.hostile)
    static let all: [Mailbox] = [steady, gappy, multi, hostile]

    /// Distinct messages (the first delivery of each Message-ID).
    var messages: [MessageSpec] {
        var seen = Set<String>()
        return deliveries.map(\.message).filter { seen.insert($0.messageID!).inserted }
    }

    var owner: String { truth.owner.address }
}

/// Unix seconds of an ISO 8601 UTC timestamp "YYYY-MM-DDTHH:MM:SSZ", parsed independently of
/// the generator's own formatting code.
func unixSeconds(_ iso: String) -> Int64 {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return Int64(formatter.date(from: iso)!.timeIntervalSince1970)
}

/// A Gregorian UTC calendar from Foundation, to check the generator's own date arithmetic.
let utc: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar
}()

/// The owner's local calendar, from Foundation and the zone the truth names: the mailboxes'
/// days and working hours are the owner's. (All four shared mailboxes use the default zone.)
let local: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: Mailbox.steady.truth.owner.timezone)!
    return calendar
}()

/// "YYYY-MM-DD" of a date, by Foundation: the owner's local day unless told otherwise.
func dayString(_ date: Date, in calendar: Calendar = local) -> String {
    let c = calendar.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
}

/// The owner's local day of a truth timestamp.
func dayString(_ iso: String) -> String {
    dayString(Date(timeIntervalSince1970: TimeInterval(unixSeconds(iso))))
}

/// The local day of a date as the generator's own type, found by Foundation.
func localDay(_ date: Date, in calendar: Calendar = local) -> Day {
    let c = calendar.dateComponents([.year, .month, .day], from: date)
    return Day(c.year!, c.month!, c.day!)
}

/// A calendar in a zone the truth names.
func calendar(in zone: String) -> Calendar {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: zone)!
    return calendar
}

/// Seconds after local midnight (the owner's unless told otherwise), by Foundation.
func secondOfDay(_ date: Date, in calendar: Calendar = local) -> Int {
    let c = calendar.dateComponents([.hour, .minute, .second], from: date)
    return c.hour! * 3600 + c.minute! * 60 + c.second!
}

/// 1 = Sunday … 7 = Saturday, by Foundation.
func weekday(_ date: Date, in calendar: Calendar = local) -> Int { calendar.component(.weekday, from: date) }

func isWeekend(_ date: Date) -> Bool { [1, 7].contains(weekday(date)) }

/// All "YYYY-MM-DD" strings from `start` to `end` inclusive.
func dayStrings(from start: String, to end: String) -> [String] {
    let formatter = ISO8601DateFormatter()
    var date = formatter.date(from: start + "T00:00:00Z")!
    let last = formatter.date(from: end + "T00:00:00Z")!
    var out: [String] = []
    while date <= last {
        out.append(dayString(date, in: utc))
        date = date.addingTimeInterval(86_400)
    }
    return out
}
