import Foundation

/// How every report and page writes a moment and a day: ISO 8601 in UTC.
public enum Timestamp {
    /// `2026-12-02T05:59:26Z`.
    public static func text(_ date: Date) -> String { date.formatted(.iso8601) }

    /// `2026-12-02`.
    public static func day(_ date: Date) -> String { date.formatted(.iso8601.year().month().day()) }
}
