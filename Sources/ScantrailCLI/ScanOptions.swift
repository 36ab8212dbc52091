import ArgumentParser
import Foundation
import ScantrailApp
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
            Most requests for the whole scan (default: 1000, plus \(ScanSettings.budgetPerOperation) per documented \
            operation when an OpenAPI description drives the checks).
            """)
    var budget: Int?

    @Option(
        help: ArgumentHelp(
            "Never send this request: a method (or *) and a path, a template such as /orders/{id} or a glob such as /admin/* (repeatable; also 'exclude:' in the config file).",
            valueName: "'METHOD /path'"))
    var exclude: [String] = []

    @Option(help: "Seconds one request may take.")
    var timeout: Double = ScanLimits().requestTimeoutSeconds

    @Option(help: "Seconds the whole scan may take; unfinished checks end inconclusive.")
    var deadline: Double = ScanLimits().scanDeadlineSeconds

    @Option(help: "Most connections (requests in flight) to the target host.")
    var maxConnections: Int = ScanLimits().maxConnectionsPerHost

    @Option(help: "Port of the cleartext twin of an HTTPS API (default: 80 when the API is on 443).")
    var httpPort: Int?

    @Option(
        name: .customLong("allow-host"),
        help: ArgumentHelp(
            "Let the scan contact this host too (repeatable): by default only the target's host, and the description URL's and token endpoints' named.",
            valueName: "host"))
    var allowedHosts: [String] = []

    @Option(
        help: ArgumentHelp(
            "Send every request through this HTTP proxy (HTTPS in a CONNECT tunnel); default: $HTTPS_PROXY or $HTTP_PROXY (with $NO_PROXY), loopback hosts direct.",
            valueName: "http://[user:password@]host:port"))
    var proxy: String?

    @OptionGroup var certificates: CertificateOptions

    @Flag(help: "Also send requests that may change state (POST, PUT, PATCH, DELETE from the OpenAPI document).")
    var active = false

    @Option(
        help: ArgumentHelp(
            "Where the target reaches the scan's callback listener for SSRF and command-injection probes (--active), e.g. a port forward's public address (default: http:// and this machine's address towards the target, at a free port).",
            valueName: "url"))
    var callbackURL: String?

    @Option(
        help: ArgumentHelp(
            "The address the callback listener binds (default: every interface at the --callback-url port).",
            valueName: "[host:]port"))
    var callbackListen: String?

    /// The settings these options describe for a `scheme` target, with the OpenAPI-driven
    /// checks' knobs from `api` (validated when the scan is prepared).
    func settings(api: APIOptions, scheme: String, config: AppConfiguration) -> ScanSettings {
        var settings = ScanSettings()
        settings.exclusions = exclude + config.exclude
        settings.headers = headers
        settings.checks = checks
        settings.budget = budget
        settings.timeoutSeconds = timeout
        settings.deadlineSeconds = deadline
        settings.maxConnections = maxConnections
        settings.cleartextPort = httpPort
        settings.certificates = certificates.settings
        settings.active = active
        settings.burst = api.burst
        settings.maxTokenLifetimeHours = api.maxTokenLifetime
        settings.jwtWordlists = api.jwtWordlist
        settings.allowedHosts = allowedHosts
        settings.callbackURL = callbackURL
        settings.callbackListen = callbackListen
        settings.proxy =
            proxy.map { ProxySetting(url: $0) }
            ?? ProxySetting(environment: ProcessInfo.processInfo.environment, scheme: scheme)
        return settings
    }
}
