import Foundation

/// A period reports and bundles cover: from the start of `from`'s day to the end of `to`'s (UTC).
public struct ReportPeriod: Sendable, Hashable, Codable {
    /// The first moment covered.
    public let start: Date
    /// The first moment no longer covered.
    public let end: Date

    /// The period from `from` to `to`, each a date (`2026-01-01`) or an ISO 8601 time.
    ///
    /// - Throws: ``AppError`` for a date that does not parse, or an end before the start.
    public init(from: String, to: String) throws {
        start = try Self.moment(from, endOfDay: false)
        end = try Self.moment(to, endOfDay: true)
        guard start < end else { throw AppError.invalid("the period ends (\(to)) before it starts (\(from))") }
    }

    /// Whether `date` lies in the period.
    public func contains(_ date: Date) -> Bool { date >= start && date < end }

    private static func moment(_ text: String, endOfDay: Bool) throws -> Date {
        if let time = try? Date(text, strategy: .iso8601) { return time }
        guard let day = try? Date(text, strategy: .iso8601.year().month().day()) else {
            throw AppError.invalid("'\(text)' is not a date (2026-01-31) or an ISO 8601 time")
        }
        return endOfDay ? day.addingTimeInterval(86_400) : day
    }
}
