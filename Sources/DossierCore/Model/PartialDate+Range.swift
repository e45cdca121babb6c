extension PartialDate {
    /// The first day the date can stand for: 2022-08 → 2022-08-01.
    public var earliest: PartialDate { PartialDate(year: year, month: month ?? 1, day: day ?? 1) }

    /// The last day the date can stand for: 2022-08 → 2022-08-31, 2022 → 2022-12-31.
    public var latest: PartialDate {
        let lastMonth = month ?? 12
        return PartialDate(year: year, month: lastMonth, day: day ?? PartialDate.daysIn(month: lastMonth, year: year))
    }

    /// True when the days this date can stand for reach into `start`…`end` (either open): 2022-08 overlaps since 2022-08-06.
    public func overlaps(from start: PartialDate?, to end: PartialDate?) -> Bool {
        if let start, latest < start.earliest { return false }
        if let end, end.latest < earliest { return false }
        return true
    }
}
