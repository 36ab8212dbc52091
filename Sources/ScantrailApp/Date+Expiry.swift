import Foundation

extension Date {
    /// When a risk acceptance lapses, as a user writes it: a date (`2027-03-31`, midnight UTC),
    /// an ISO 8601 time, or a number of days from `now` (`90d`).
    ///
    /// - Throws: ``AppError`` naming the ``Setting/expires`` setting.
    public init(expiry text: String, from now: Date) throws {
        if text.hasSuffix("d"), let days = Int(text.dropLast()), days > 0 {
            self = now.addingTimeInterval(Double(days) * 86_400)
        } else if let date = try? Date(text, strategy: .iso8601) {
            // A whole time first: the date-only form would read its date and drop the time.
            self = date
        } else if let date = try? Date(text, strategy: .iso8601.year().month().day()) {
            self = date
        } else {
            throw AppError.invalid(.expires, "'\(text)' is neither a date (2027-03-31) nor a number of days (90d)")
        }
    }
}
