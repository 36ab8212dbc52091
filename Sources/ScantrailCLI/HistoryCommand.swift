import ArgumentParser
import Foundation
import ScantrailCore
import ScantrailReports
import ScantrailStore

/// `scantrail history [TARGET]`.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List recorded scans, oldest first, with what each found and changed."
    )

    @Argument(help: "Only scans of this base URL.")
    var target: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: TrailFormat

    func run() async throws {
        let url = try target.map { try ScanTarget(parsing: $0).url }
        let history = try await store.withStore { trail in
            TargetHistory(
                target: url, scans: try await trail.scans(target: url),
                findingsByStatus: try await trail.statusCounts(target: url))
        }
        try output.print(text: { TrailTextRenderer(now: Date()).history(history) }, json: history)
    }
}
