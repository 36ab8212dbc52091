import Foundation

/// When a monitored target is scanned: at a fixed interval (`--every 24h`), or at the minutes a
/// cron expression names in a time zone (`--cron "0 3 * * 1-5" --time-zone Europe/Berlin`).
public enum Schedule: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Every this many seconds from the previous run.
    case every(seconds: Int)
    /// At the minutes `expression` names, read in the time zone with this identifier.
    case cron(CronExpression, timeZone: String)

    /// The shortest interval: a scan is not a heartbeat.
    public static let minimumInterval = 300

    /// Why a schedule cannot be used.
    public struct Invalid: Error, Hashable, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// An interval as people write it: `90m`, `24h`, `7d`, `1w` (at least five minutes).
    ///
    /// - Throws: ``Invalid`` for anything else.
    public init(every text: String) throws(Invalid) {
        let units = ["m": 60, "h": 3_600, "d": 86_400, "w": 604_800]
        guard let unit = text.last.map(String.init).flatMap({ units[$0.lowercased()] }),
            let count = Int(text.dropLast()), count > 0, count <= 3_650 * 86_400 / unit
        else { throw Invalid(description: "'\(text.prefix(20))' is not an interval such as 30m, 24h, 7d or 1w") }
        guard count * unit >= Self.minimumInterval else {
            throw Invalid(description: "'\(text)' is shorter than five minutes")
        }
        self = .every(seconds: count * unit)
    }

    /// A cron expression in a time zone (an IANA identifier such as `Europe/Berlin`; UTC by
    /// default).
    ///
    /// - Throws: ``Invalid`` for an expression that does not parse, or an unknown time zone.
    public init(cron text: String, timeZone: String = "UTC") throws(Invalid) {
        guard TimeZone(identifier: timeZone) != nil else {
            throw Invalid(description: "'\(timeZone.prefix(40))' is not a time zone (such as UTC or Europe/Berlin)")
        }
        do {
            self = .cron(try CronExpression(parsing: text), timeZone: timeZone)
        } catch {
            throw Invalid(description: error.description)
        }
    }

    /// When the run after one at `date` is due; `nil` for a cron expression that names no minute
    /// in the next five years.
    public func next(after date: Date) -> Date? {
        switch self {
        case .every(let seconds): date.addingTimeInterval(Double(seconds))
        case .cron(let expression, let zone): expression.next(after: date, in: TimeZone(identifier: zone) ?? .gmt)
        }
    }

    /// The due times after `start` up to `end`, at most `limit` of them.
    public func dueTimes(after start: Date, until end: Date, limit: Int = 1_000) -> [Date] {
        var times: [Date] = []
        var last = start
        while times.count < limit, let next = next(after: last), next <= end {
            times.append(next)
            last = next
        }
        return times
    }

    /// The runs that did not happen: each due time after `start` (and `start` itself when a run
    /// was due then) whose window — up to the next due time — closed by `end` with no scan in it.
    /// A run whose window is still open is pending, not missed. These are the cadence gaps a
    /// readiness report lists.
    public func missedRuns(after start: Date, until end: Date, scans: [Date], dueAtStart: Bool = false) -> [Date] {
        let due = (dueAtStart ? [start] : []) + dueTimes(after: start, until: end)
        return due.compactMap { time in
            guard let closes = next(after: time), closes <= end else { return nil }
            return scans.contains { (time..<closes).contains($0) } ? nil : time
        }
    }

    public var description: String {
        switch self {
        case .every(let seconds):
            seconds % 604_800 == 0
                ? "every \(seconds / 604_800)w"
                : seconds % 86_400 == 0
                    ? "every \(seconds / 86_400)d"
                    : seconds % 3_600 == 0 ? "every \(seconds / 3_600)h" : "every \(seconds / 60)m"
        case .cron(let expression, let zone): "cron \(expression) (\(zone))"
        }
    }
}
