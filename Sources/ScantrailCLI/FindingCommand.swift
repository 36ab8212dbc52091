import ArgumentParser
import Foundation
import ScantrailReports

/// `scantrail finding ID`.
struct FindingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finding",
        abstract: "Show one finding's whole life: state, SLA, audit entries and the proof of fix."
    )

    @Argument(help: "The finding's id (a prefix of its fingerprint, at least 4 hex digits).")
    var id: String

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: TrailFormat

    func run() async throws {
        let history = try await store.withStore { try await $0.finding(id) }
        try output.print(text: { TrailTextRenderer(now: Date()).finding(history) }, json: history)
    }
}
