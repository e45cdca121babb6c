import DossierCore
import Foundation

/// The team view's weeks: Mondays in UTC, by the ISO 8601 calendar.
enum WebCalendar {
    /// The Monday (UTC) of a day's week, as YYYY-MM-DD.
    static func weekStart(of date: PartialDate) -> String? {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let day = calendar.date(from: DateComponents(year: date.year, month: date.month ?? 1, day: date.day ?? 1)),
              let monday = calendar.dateInterval(of: .weekOfYear, for: day)?.start else { return nil }
        let parts = calendar.dateComponents([.year, .month, .day], from: monday)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
