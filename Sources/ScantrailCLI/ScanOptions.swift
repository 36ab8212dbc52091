import ArgumentParser
import ScantrailCore

/// Options that shape a scan: limits, extra headers and the checks to run.
struct ScanOptions: ParsableArguments {
    @Option(
        name: .customLong("header"),
        help: ArgumentHelp(
            "Add a header to every request, e.g. 'Authorization: Bearer …' (repeatable; values are redacted in reports).",
            valueName: "name: value"))
    var headers: [String] = []

    @Option(
        name: .customLong("check"),
        help: ArgumentHelp("Run only this check (repeatable); see 'scantrail rules'.", valueName: "id"))
    var checks: [String] = []

    @Option(
        help: """
            Most requests for the whole scan (default: 1000, plus \(ScanOptions.budgetPerOperation) per documented \
            operation when an OpenAPI description drives the checks).
            """)
    var budget: Int?

    /// Requests the OpenAPI-driven checks may spend per documented operation, by default.
    static let budgetPerOperation = 12

    @Option(help: "Seconds one request may take.")
    var timeout: Double = ScanLimits().requestTimeoutSeconds

    @Option(help: "Seconds the whole scan may take; unfinished checks end inconclusive.")
    var deadline: Double = ScanLimits().scanDeadlineSeconds

    @Option(help: "Most connections (requests in flight) to the target host.")
    var maxConnections: Int = ScanLimits().maxConnectionsPerHost

    @Option(help: "Port of the cleartext twin of an HTTPS API (default: 80 when the API is on 443).")
    var httpPort: Int?

    @OptionGroup var certificates: CertificateOptions

    @Flag(help: "Also send requests that may change state (POST, PUT, PATCH, DELETE from the OpenAPI document).")
    var active = false

    func validate() throws {
        guard (budget ?? 1) >= 1 else { throw ValidationError("--budget must be at least 1") }
        guard timeout > 0 else { throw ValidationError("--timeout must be more than 0 seconds") }
        guard deadline > 0 else { throw ValidationError("--deadline must be more than 0 seconds") }
        guard (1...64).contains(maxConnections) else { throw ValidationError("--max-connections must be 1 to 64") }
        if let httpPort, !(1...65535).contains(httpPort) {
            throw ValidationError("--http-port must be 1 to 65535")
        }
        for header in headers where HeaderField(line: header) == nil {
            throw ValidationError("--header '\(header.prefix(40))' is not of the form 'Name: value'")
        }
    }

    /// The scan configuration these options describe.
    func configuration(knownChecks: [String]) throws -> ScanConfiguration {
        if let unknown = checks.first(where: { !knownChecks.contains($0) }) {
            throw ValidationError("unknown check '\(unknown)'; known: \(knownChecks.joined(separator: ", "))")
        }
        var limits = ScanLimits()
        limits.requestBudget = budget ?? limits.requestBudget
        limits.requestTimeoutSeconds = timeout
        limits.readTimeoutSeconds = min(limits.readTimeoutSeconds, timeout)
        limits.scanDeadlineSeconds = deadline
        limits.maxConnectionsPerHost = maxConnections
        return ScanConfiguration(
            limits: limits,
            headers: headers.compactMap(HeaderField.init(line:)),
            enabledChecks: checks.isEmpty ? nil : checks,
            active: active,
            cleartextPort: httpPort,
            caFile: certificates.caFile,
            expiryWarningDays: certificates.expiryWarningDays
        )
    }
}
