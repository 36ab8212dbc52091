import ArgumentParser
import ScantrailChecks
import ScantrailCore

/// `scantrail scan URL`: scan an API and report.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan an HTTP API from the outside and report findings.",
        discussion: """
            Exit status: 0 no finding at or above --fail-on; 1 findings at or above it; 2 bad usage or input; \
            3 the target could not be reached or the scan hit its deadline; 130 interrupted (partial report written).
            """
    )

    @Argument(help: "Base URL of the API, e.g. https://api.example.com or http://127.0.0.1:8080.")
    var url: String

    @OptionGroup var scan: ScanOptions
    @OptionGroup var api: APIOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Exit 1 when a finding is at or above this severity: critical, high, medium, low or none.")
    var failOn: FailThreshold = .high

    @OptionGroup var store: StoreOptions

    @Flag(help: "Do not record this scan in the evidence store.")
    var noStore = false

    @Option(
        help: ArgumentHelp(
            "Fail only on findings not already failing in this recorded scan (number or id).", valueName: "scan"))
    var baseline: String?

    func validate() throws {
        if noStore && baseline != nil {
            throw ValidationError("--baseline needs the evidence store; drop --no-store")
        }
    }

    func run() async throws {
        let target = try ScanTarget.input(url)
        var configuration = try scan.configuration(knownChecks: CheckRegistry.identifiers)
        let identities = try await api.resolvedIdentities(
            config: try store.configFile(), target: target, configuration: configuration)
        let (apiChecks, operations) = try await api.checks(
            for: target, configuration: configuration, identities: identities, quiet: output.quiet)
        if scan.budget == nil {
            configuration.limits.requestBudget += ScanOptions.budgetPerOperation * operations
        }
        // Resolve the baseline first: a typo should not cost a scan.
        var baselineID: String?
        if let baseline {
            baselineID = try await store.withStore { try await $0.scan(baseline).id }
        }
        let result = try await ScanRunner(output: output).run(
            target, checks: CheckRegistry.all + apiChecks, configuration: configuration)
        let gating = noStore ? result.findings : try await record(result, baselineID: baselineID)
        if result.completion.reason == "cancelled" {
            throw ExitStatus.interrupted
        }
        if failOn.isCrossed(by: gating) {
            throw ExitStatus.findings
        }
        if !result.completion.isComplete {
            throw ExitStatus.scanFailed
        }
    }

    /// Records the scan and returns the findings that count toward `--fail-on`: not accepted,
    /// not marked false positive, and not already failing in the baseline.
    private func record(_ result: ScanResult, baselineID: String?) async throws -> [Finding] {
        try await store.withStore { trail in
            let record = try await trail.record(result)
            var excluded = try await trail.acceptedFingerprints()
            if let baselineID {
                excluded.formUnion(try await trail.failingFingerprints(in: baselineID))
            }
            let gating = result.findings.filter { !excluded.contains($0.fingerprint) }
            if !output.quiet {
                let counts = record.counts
                StandardError.write(
                    "scantrail: recorded as scan #\(record.sequence) (\(record.id.prefix(8))) in \(store.location): "
                        + "\(counts.new) new, \(counts.fixed) fixed, \(counts.reopened) reopened")
                if gating.count < result.findings.count {
                    StandardError.write(
                        "scantrail: \(result.findings.count - gating.count) findings are accepted or in the baseline and do not count toward --fail-on"
                    )
                }
            }
            return gating
        }
    }
}
