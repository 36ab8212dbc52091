import ArgumentParser
import Foundation
import ScantrailReports

/// `scantrail diff A B`.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two recorded scans: new, fixed, unchanged, not retested, and coverage changes."
    )

    @Argument(help: "The earlier scan (number or id).")
    var from: String

    @Argument(help: "The later scan (number or id).")
    var to: String

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: TrailFormat

    func run() async throws {
        let diff = try await store.withStore { try await $0.diff(from: from, to: to) }
        try output.print(text: { TrailTextRenderer(now: Date()).diff(diff) }, json: diff)
    }
}
