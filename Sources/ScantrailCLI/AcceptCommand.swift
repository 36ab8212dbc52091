import ArgumentParser
import Foundation
import ScantrailApp
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
        let expiry = try expires.map { try Date(expiry: $0, from: Date()) }
        let status: FindingStatus = falsePositive ? .falsePositive : .accepted
        let finding = try await store.withStore { trail in
            try await trail.accept(id, as: status, reason: reason, expiresAt: expiry)
        }
        try output.print(text: { TrailTextRenderer(now: Date()).decision(finding) }, json: finding)
    }
}
