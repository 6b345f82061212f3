import MailModel
/// A set of public-holiday rules a `BusinessCalendar` can apply. Mail traffic dips on the
/// holidays of the sender's country, so the calendar has to match where the mailbox lived.
/// Rules are today's, applied to every year; only the listed one-off days are historical.
public enum HolidayRegion: String, CaseIterable, Sendable {
    case us, uk, de, fr

    /// Case-insensitive raw value; "gb" is accepted for `uk` because it is the ISO 3166 code.
    public init?(name: String) {
        let key = name.trimmed.lowercased()
        if key == "gb" { self = .uk } else if let region = HolidayRegion(rawValue: key) { self = region } else { return nil }
    }

    public var title: String {
        switch self {
        case .us: "United States federal holidays"
        case .uk: "England and Wales bank holidays"
        case .de: "Germany national public holidays"
        case .fr: "France public holidays"
        }
    }

    /// The holidays that one year's rules produce. A moved or substitute day may land in a
    /// neighbouring year (US New Year's Day on a Saturday is observed on December 31), so
    /// callers that want one calendar year ask for the years either side too and filter.
    func rules(_ year: Int) -> [(day: Day, name: String)] {
        switch self {
        case .us: usFederal(year)
        case .uk: englandAndWales(year)
        case .de: germany(year)
        case .fr: france(year)
        }
    }

    /// 5 U.S.C. 6103. The actual date stays a holiday as well as the observed one: offices close
    /// on the observed day, but people still do not mail on July 4 itself.
    private func usFederal(_ year: Int) -> [(day: Day, name: String)] {
        var actual: [(day: Day, name: String)] = [
            (Day(year, 1, 1), "New Year's Day"),
            (nth(3, weekday: 1, month: 1, year: year), "Birthday of Martin Luther King, Jr."),
            (nth(3, weekday: 1, month: 2, year: year), "Washington's Birthday"),
            (last(weekday: 1, month: 5, year: year), "Memorial Day"),
            (Day(year, 7, 4), "Independence Day"),
            (nth(1, weekday: 1, month: 9, year: year), "Labor Day"),
            (nth(2, weekday: 1, month: 10, year: year), "Columbus Day"),
            (Day(year, 11, 11), "Veterans Day"),
            (nth(4, weekday: 4, month: 11, year: year), "Thanksgiving Day"),
            (Day(year, 12, 25), "Christmas Day"),
        ]
        if year >= 2021 { actual.append((Day(year, 6, 19), "Juneteenth National Independence Day")) }
        var list = actual
        for (day, name) in actual {
            let observed: Day? = switch day.weekday {
            case 6: day.advanced(by: -1)
            case 0: day.advanced(by: 1)
            default: nil
            }
            if let observed { list.append((observed, "\(name) (observed)")) }
        }
        return list
    }

    /// Banking and Financial Dealings Act 1971 plus royal proclamations. Only the substitute day
    /// is a bank holiday when a fixed date falls on a weekend, as gov.uk lists them.
    private func englandAndWales(_ year: Int) -> [(day: Day, name: String)] {
        let easter = Day.easterSunday(year)
        var list: [(day: Day, name: String)] = [
            (easter.advanced(by: -2), "Good Friday"),
            (easter.advanced(by: 1), "Easter Monday"),
            (last(weekday: 1, month: 8, year: year), "Summer bank holiday"),
        ]
        let newYear = Day(year, 1, 1)
        switch newYear.weekday {
        case 6: list.append((newYear.advanced(by: 2), "New Year's Day (substitute day)"))
        case 0: list.append((newYear.advanced(by: 1), "New Year's Day (substitute day)"))
        default: list.append((newYear, "New Year's Day"))
        }
        // Moved by proclamation for VE Day anniversaries.
        switch year {
        case 1995, 2020: list.append((Day(year, 5, 8), "Early May bank holiday (VE Day)"))
        default: list.append((nth(1, weekday: 1, month: 5, year: year), "Early May bank holiday"))
        }
        // Moved by proclamation to make a long weekend with a jubilee.
        switch year {
        case 2002, 2012: list.append((Day(year, 6, 4), "Spring bank holiday"))
        case 2022: list.append((Day(year, 6, 2), "Spring bank holiday"))
        default: list.append((last(weekday: 1, month: 5, year: year), "Spring bank holiday"))
        }
        // Each weekend day is replaced by the next weekday not already a holiday.
        let christmas = Day(year, 12, 25)
        switch christmas.weekday {
        case 5:
            list.append((christmas, "Christmas Day"))
            list.append((Day(year, 12, 28), "Boxing Day (substitute day)"))
        case 6:
            list.append((Day(year, 12, 27), "Christmas Day (substitute day)"))
            list.append((Day(year, 12, 28), "Boxing Day (substitute day)"))
        case 0:
            list.append((Day(year, 12, 26), "Boxing Day"))
            list.append((Day(year, 12, 27), "Christmas Day (substitute day)"))
        default:
            list.append((christmas, "Christmas Day"))
            list.append((Day(year, 12, 26), "Boxing Day"))
        }
        let oneOff: [(day: Day, name: String)] = [
            (Day(1999, 12, 31), "Millennium Celebrations"),
            (Day(2002, 6, 3), "Golden Jubilee bank holiday"),
            (Day(2011, 4, 29), "Wedding of Prince William and Catherine Middleton"),
            (Day(2012, 6, 5), "Diamond Jubilee bank holiday"),
            (Day(2022, 6, 3), "Platinum Jubilee bank holiday"),
            (Day(2022, 9, 19), "Bank holiday for the State Funeral of Queen Elizabeth II"),
            (Day(2023, 5, 8), "Bank holiday for the coronation of King Charles III"),
        ]
        return list + oneOff.filter { $0.day.year == year }
    }

    /// Federal (national) holidays only; the Länder add their own, which differ too much to guess.
    /// German holidays have no substitute days.
    private func germany(_ year: Int) -> [(day: Day, name: String)] {
        let easter = Day.easterSunday(year)
        var list: [(day: Day, name: String)] = [
            (Day(year, 1, 1), "Neujahr"),
            (easter.advanced(by: -2), "Karfreitag"),
            (easter.advanced(by: 1), "Ostermontag"),
            (Day(year, 5, 1), "Tag der Arbeit"),
            (easter.advanced(by: 39), "Christi Himmelfahrt"),
            (easter.advanced(by: 50), "Pfingstmontag"),
            (Day(year, 10, 3), "Tag der Deutschen Einheit"),
            (Day(year, 12, 25), "1. Weihnachtstag"),
            (Day(year, 12, 26), "2. Weihnachtstag"),
        ]
        // The 500th anniversary of the Reformation was a holiday in every Land that year only.
        if year == 2017 { list.append((Day(2017, 10, 31), "Reformationstag")) }
        return list
    }

    /// Code du travail L3133-1. French holidays have no substitute days.
    private func france(_ year: Int) -> [(day: Day, name: String)] {
        let easter = Day.easterSunday(year)
        return [
            (Day(year, 1, 1), "Jour de l'an"),
            (easter.advanced(by: 1), "Lundi de Pâques"),
            (Day(year, 5, 1), "Fête du Travail"),
            (Day(year, 5, 8), "Victoire 1945"),
            (easter.advanced(by: 39), "Ascension"),
            (easter.advanced(by: 50), "Lundi de Pentecôte"),
            (Day(year, 7, 14), "Fête nationale"),
            (Day(year, 8, 15), "Assomption"),
            (Day(year, 11, 1), "Toussaint"),
            (Day(year, 11, 11), "Armistice"),
            (Day(year, 12, 25), "Noël"),
        ]
    }
}

/// The n-th given weekday (0 = Sunday) of a month.
func nth(_ n: Int, weekday: Int, month: Int, year: Int) -> Day {
    let first = Day(year, month, 1)
    let offset = (weekday - first.weekday + 7) % 7
    return first.advanced(by: offset + 7 * (n - 1))
}

/// The last given weekday (0 = Sunday) of a month.
func last(weekday: Int, month: Int, year: Int) -> Day {
    let next = month == 12 ? Day(year + 1, 1, 1) : Day(year, month + 1, 1)
    let lastDay = next.advanced(by: -1)
    return lastDay.advanced(by: -((lastDay.weekday - weekday + 7) % 7))
}
