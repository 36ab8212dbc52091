import Foundation

/// A five-field cron expression (`minute hour day-of-month month day-of-week`), as Vixie cron
/// reads it: `*`, lists, ranges and steps (`1-5`, `*/15`, `0-30/10`), month and weekday names
/// (`jan`, `mon`), Sunday as 0 or 7, and the macros `@hourly`, `@daily`, `@weekly`, `@monthly`,
/// `@yearly`. When both day fields are restricted a day matches either, as in cron.
public struct CronExpression: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Why an expression cannot be read.
    public struct Invalid: Error, Hashable, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The expression as written.
    public let description: String
    let minutes: Set<Int>
    let hours: Set<Int>
    let daysOfMonth: Set<Int>
    let months: Set<Int>
    /// 0 (Sunday) to 6.
    let daysOfWeek: Set<Int>
    let daysOfMonthRestricted: Bool
    let daysOfWeekRestricted: Bool

    private static let macros = [
        "@hourly": "0 * * * *", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@weekly": "0 0 * * 0",
        "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *",
    ]
    private static let monthNames = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    private static let dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    /// Reads `text`.
    ///
    /// - Throws: ``Invalid`` naming the field and what is wrong with it.
    public init(parsing text: String) throws(Invalid) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let expanded = Self.macros[trimmed.lowercased()] ?? trimmed
        let fields = expanded.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard fields.count == 5 else {
            throw Invalid(
                description: "'\(text.prefix(60))' needs five fields: minute hour day-of-month month day-of-week")
        }
        description = trimmed
        minutes = try Self.field(fields[0], "minute", 0...59, names: [])
        hours = try Self.field(fields[1], "hour", 0...23, names: [])
        daysOfMonth = try Self.field(fields[2], "day of month", 1...31, names: [])
        months = try Self.field(fields[3], "month", 1...12, names: Self.monthNames, firstNamed: 1)
        daysOfWeek = Set(try Self.field(fields[4], "day of week", 0...7, names: Self.dayNames).map { $0 % 7 })
        daysOfMonthRestricted = !fields[2].hasPrefix("*")
        daysOfWeekRestricted = !fields[4].hasPrefix("*")
    }

    /// The first minute after `date` the expression names, in `timeZone`; `nil` if none comes in
    /// the next five years (`0 0 31 2 *`).
    public func next(after date: Date, in timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let end = date.addingTimeInterval(5 * 366 * 86_400)
        guard let minute = calendar.dateInterval(of: .minute, for: date)?.end else { return nil }
        var candidate = minute
        while candidate < end {
            let parts = calendar.dateComponents([.month, .day, .weekday, .hour, .minute], from: candidate)
            guard let month = parts.month, let day = parts.day, let weekday = parts.weekday, let hour = parts.hour,
                let minute = parts.minute
            else { return nil }
            let unit: Calendar.Component?
            if !months.contains(month) {
                unit = .month
            } else if !matches(day: day, weekday: weekday - 1) {
                unit = .day
            } else if !hours.contains(hour) {
                unit = .hour
            } else if !minutes.contains(minute) {
                unit = .minute
            } else {
                return candidate
            }
            // Skip to the start of the next month, day, hour or minute.
            guard let unit, let interval = calendar.dateInterval(of: unit, for: candidate) else { return nil }
            candidate = interval.end
        }
        return nil
    }

    private func matches(day: Int, weekday: Int) -> Bool {
        switch (daysOfMonthRestricted, daysOfWeekRestricted) {
        case (true, true): daysOfMonth.contains(day) || daysOfWeek.contains(weekday)
        default: daysOfMonth.contains(day) && daysOfWeek.contains(weekday)
        }
    }

    /// One field: `*`, or a comma list of values, ranges and steps, within `range`.
    private static func field(
        _ text: String, _ name: String, _ range: ClosedRange<Int>, names: [String], firstNamed: Int = 0
    ) throws(Invalid) -> Set<Int> {
        func value(_ token: Substring) throws(Invalid) -> Int {
            if let index = names.firstIndex(of: token.lowercased()) { return index + firstNamed }
            guard let number = Int(token), range.contains(number) else {
                throw Invalid(description: "the \(name) field's '\(token.prefix(12))' is not in \(range)")
            }
            return number
        }
        var values: Set<Int> = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let stepParts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard stepParts.count <= 2, !stepParts[0].isEmpty else {
                throw Invalid(description: "the \(name) field's '\(item.prefix(12))' is not a value, range or step")
            }
            var step = 1
            if stepParts.count == 2 {
                guard let given = Int(stepParts[1]), given > 0 else {
                    throw Invalid(description: "the \(name) field's step '\(stepParts[1].prefix(12))' is not a number")
                }
                step = given
            }
            let bounds: ClosedRange<Int>
            if stepParts[0] == "*" {
                bounds = range
            } else {
                let ends = stepParts[0].split(separator: "-", omittingEmptySubsequences: false)
                guard ends.count <= 2 else {
                    throw Invalid(description: "the \(name) field's '\(item.prefix(12))' is not a range")
                }
                let low = try value(ends[0])
                var high = stepParts.count == 2 ? range.upperBound : low
                if ends.count == 2 { high = try value(ends[1]) }
                guard low <= high else {
                    throw Invalid(description: "the \(name) field's range '\(item.prefix(12))' runs backwards")
                }
                bounds = low...high
            }
            values.formUnion(stride(from: bounds.lowerBound, through: bounds.upperBound, by: step))
        }
        return values
    }
}
