import Foundation
import ScantrailApp
import Testing

@Suite("Schedules: intervals and cron expressions in a time zone")
struct ScheduleTests {
    /// `2026-03-02T10:07:00Z`, a Monday.
    static let monday = Date(timeIntervalSince1970: 1_772_446_020)

    static func iso(_ date: Date?, _ zone: String = "UTC") -> String {
        guard let date else { return "none" }
        var style = Date.ISO8601FormatStyle()
        style.timeZone = TimeZone(identifier: zone)!
        return date.formatted(style)
    }

    static func next(_ cron: String, after date: Date = monday, zone: String = "UTC") throws -> String {
        iso(try Schedule(cron: cron, timeZone: zone).next(after: date), zone)
    }

    @Test("intervals read as people write them, five minutes at least")
    func intervals() throws {
        #expect(try Schedule(every: "24h") == .every(seconds: 86_400))
        #expect(try Schedule(every: "90m") == .every(seconds: 5_400))
        #expect(try Schedule(every: "1w").description == "every 1w")
        #expect(try Schedule(every: "7d").next(after: Self.monday) == Self.monday.addingTimeInterval(7 * 86_400))
        for bad in ["", "24", "h", "0h", "-1d", "4m", "1y", "1.5h", "99999999w"] {
            #expect(throws: Schedule.Invalid.self, "\(bad)") { try Schedule(every: bad) }
        }
    }

    @Test("a cron expression names its next minute: values, ranges, steps, lists, names")
    func cron() throws {
        #expect(try Self.next("0 3 * * *") == "2026-03-03T03:00:00Z")
        #expect(try Self.next("*/15 * * * *") == "2026-03-02T10:15:00Z")
        #expect(try Self.next("0 9-17/4 * * mon-fri") == "2026-03-02T13:00:00Z")
        #expect(try Self.next("30 8 1,15 * *") == "2026-03-15T08:30:00Z")
        #expect(try Self.next("0 0 1 jan *") == "2027-01-01T00:00:00Z")
        #expect(try Self.next("@weekly") == "2026-03-08T00:00:00Z")
        #expect(try Self.next("0 12 * * 7") == "2026-03-08T12:00:00Z")
        #expect(try Self.next("0 0 29 2 *") == "2028-02-29T00:00:00Z")
        #expect(try Self.next("0 0 31 2 *") == "none")
    }

    @Test("both day fields restricted: a day matching either runs, as in cron")
    func dayFields() throws {
        // The 10th, or any Friday: Friday the 6th comes first.
        #expect(try Self.next("0 6 10 * fri") == "2026-03-06T06:00:00Z")
    }

    @Test("the time zone decides the minute, across a daylight-saving change")
    func timeZones() throws {
        #expect(try Self.next("0 3 * * *", zone: "Europe/Berlin") == "2026-03-03T03:00:00+0100")
        // Berlin springs forward on 29 March 2026: 02:30 does not exist that night.
        let saturday = Date(timeIntervalSince1970: 1_774_700_000)  // 2026-03-28T12:13:20Z
        #expect(try Self.next("30 2 * * *", after: saturday, zone: "Europe/Berlin") == "2026-03-30T02:30:00+0200")
        #expect(try Self.next("0 9 * * *", after: saturday, zone: "Europe/Berlin") == "2026-03-29T09:00:00+0200")
    }

    @Test("malformed expressions and unknown zones are refused, naming the field")
    func refusals() {
        for (cron, field) in [
            ("0 3 * *", "five fields"), ("60 * * * *", "minute"), ("0 24 * * *", "hour"), ("0 0 0 * *", "day of month"),
            ("0 0 * 13 *", "month"), ("0 0 * * 8", "day of week"), ("*/0 * * * *", "step"),
            ("5-1 * * * *", "backwards"),
            ("0 0 * foo *", "month"), (", * * * *", "minute"),
        ] {
            #expect(throws: Schedule.Invalid.self) { try Schedule(cron: cron) }
            #expect((try? Schedule(cron: cron)) == nil)
            let message = (try? Schedule(cron: cron)).map { _ in "" } ?? Self.reason { try Schedule(cron: cron) }
            #expect(message.contains(field), "\(cron): \(message)")
        }
        #expect(Self.reason { try Schedule(cron: "0 3 * * *", timeZone: "Mars/Olympus") }.contains("not a time zone"))
    }

    static func reason(_ body: () throws -> Schedule) -> String {
        do {
            _ = try body()
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test("a due time with no scan before the next one is a missed run")
    func missedRuns() throws {
        let daily = try Schedule(every: "24h")
        let day = 86_400.0
        let start = Self.monday
        let scans = [start + day + 60, start + 3 * day + 10]
        let missed = daily.missedRuns(after: start, until: start + 5 * day, scans: scans)
        // The run due at 5 days is pending: its window closes at 6 days.
        #expect(missed == [start + 2 * day, start + 4 * day])
        #expect(daily.missedRuns(after: start, until: start + day, scans: [], dueAtStart: true) == [start])
        #expect(daily.missedRuns(after: start, until: start + 60, scans: [], dueAtStart: true).isEmpty)
        #expect(daily.dueTimes(after: start, until: start + 3 * day).count == 3)
    }
}
