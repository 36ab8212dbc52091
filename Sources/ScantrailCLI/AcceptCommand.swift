import ArgumentParser
import Foundation
import ScantrailReports
import ScantrailStore

/// `scantrail accept ID --reason … [--expires …] [--false-positive]`.
struct AcceptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept",
        abstract: "Accept a finding's risk (or mark it a false positive), with a reason and an optional expiry.",
        discussion: "Accepted findings do not fail CI. When the acceptance expires the finding opens again."
    )

    @Argument(help: "The finding's id.")
    var id: String

    @Option(help: "Why the risk is accepted.")
    var reason: String

    @Option(
        help: ArgumentHelp(
            "When the acceptance lapses: a date (2027-03-31) or a number of days (90d).", valueName: "date|Nd"))
    var expires: String?

    @Flag(help: "Mark the finding a false positive instead.")
    var falsePositive = false

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: TrailFormat

    func run() async throws {
        let expiry = try expires.map { try Self.date($0, from: Date()) }
        let status: FindingStatus = falsePositive ? .falsePositive : .accepted
        let finding = try await store.withStore { trail in
            try await trail.accept(id, as: status, reason: reason, expiresAt: expiry)
        }
        try output.print(text: { TrailTextRenderer(now: Date()).decision(finding) }, json: finding)
    }

    /// `2027-03-31` (midnight UTC) or `90d` from `now`.
    static func date(_ text: String, from now: Date) throws -> Date {
        if text.hasSuffix("d"), let days = Int(text.dropLast()), days > 0 {
            return now.addingTimeInterval(Double(days) * 86_400)
        }
        if let date = try? Date(text, strategy: .iso8601.year().month().day()) {
            return date
        }
        if let date = try? Date(text, strategy: .iso8601) {
            return date
        }
        throw InputError(description: "--expires '\(text)' is neither a date (2027-03-31) nor a number of days (90d)")
    }
}
