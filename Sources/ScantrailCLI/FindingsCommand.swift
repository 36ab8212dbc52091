import ArgumentParser
import Foundation
import ScantrailReports
import ScantrailStore

extension FindingStatus: ExpressibleByArgument {}

/// `scantrail findings [--status …] [--overdue]`.
struct FindingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "findings",
        abstract: "List tracked findings with their status and SLA."
    )

    @Option(help: "Only findings in this state: open, fixed, accepted, false-positive.")
    var status: FindingStatus?

    @Flag(help: "Only open findings past their remediation deadline.")
    var overdue = false

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: TrailFormat

    func run() async throws {
        let now = Date()
        let findings = try await store.withStore {
            try await $0.findings(status: status, overdueAt: overdue ? now : nil)
        }
        try output.print(text: { TrailTextRenderer(now: now).findings(findings) }, json: findings)
    }
}
