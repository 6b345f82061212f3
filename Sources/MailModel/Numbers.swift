import Foundation

/// A count with thousands grouped, as the reports and the terminal print it: "15,000".
public func grouped(_ value: Int) -> String {
    value.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
}

extension Double {
    /// Rounded to `places` decimal places (halves away from zero): how figures are stored and
    /// shown, so that a report does not print 0.30000000000000004.
    public func rounded(toPlaces places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (self * scale).rounded() / scale
    }

    /// Fixed-point text with `places` decimals. NaN and infinity, which have no place in a
    /// report (an empty series divided by itself), print as 0.
    public func fixed(_ places: Int) -> String {
        String(format: "%.\(places)f", isFinite ? self : 0)
    }
}
