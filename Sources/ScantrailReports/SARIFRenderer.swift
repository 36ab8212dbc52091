import Foundation
import ScantrailCore

/// Writes a scan as SARIF 2.1.0 that GitHub code scanning accepts: every result has a location
/// with a repository-relative URI (the description file and its operation's line when there is
/// one, else a stable path per host and path — never the `https://` URL, which GitHub refuses),
/// our fingerprint as `primaryLocationLineHash`, and rules with help, tags and
/// `security-severity`. The full URL goes in the message and the properties.
public struct SARIFRenderer: Sendable {
    /// GitHub keeps at most this many results of a run.
    public static let maxResults = 25_000

    /// Creates the renderer.
    public init() {}

    /// The SARIF log for `input`, one run per target.
    public func render(_ input: ReportInput) throws -> Data {
        let result = input.result
        let findings = Array(result.findings.prefix(Self.maxResults))
        let rules = Array(Set(findings.map(\.ruleID))).sorted().compactMap { input.catalogue[$0] }
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let time = Timestamp.text
        let run = SARIFLog.Run(
            tool: .init(
                driver: .init(
                    name: "Scantrail", version: result.scanner.version, semanticVersion: result.scanner.version,
                    rules: rules.map(Self.rule))),
            automationDetails: .init(
                id: "scantrail/\(result.target.host)-\(result.target.port)/\(time(result.startedAt))"),
            invocations: [
                .init(
                    executionSuccessful: result.completion.isComplete, startTimeUtc: time(result.startedAt),
                    endTimeUtc: time(result.finishedAt))
            ],
            results: findings.compactMap { finding in
                ruleIndex[finding.ruleID].map { Self.result(finding, ruleIndex: $0, input) }
            },
            properties: .init(target: result.targetURL, resultsLeftOut: result.findings.count - findings.count))
        return try JSONRendering.render(SARIFLog(runs: [run]))
    }

    /// GitHub's `security-severity`: critical ≥ 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9.
    static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        case .info: "0.0"
        }
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    private static func rule(_ rule: Rule) -> SARIFLog.Rule {
        let mapping = rule.mapping
        let tags =
            ["security"] + mapping.owaspAPI.map { "OWASP-\($0.rawValue)" } + mapping.cwe.map(\.description)
            + mapping.trustServicesCriteria.map { "SOC2-\($0.rawValue)" }
        var markdown = "**Fix:** \(rule.remediation)"
        let references = rule.references + mapping.cwe.map(\.referenceURL)
        if !references.isEmpty {
            markdown += "\n\n**References:**\n" + references.map { "- <\($0)>" }.joined(separator: "\n")
        }
        return SARIFLog.Rule(
            id: rule.id, name: Self.name(of: rule.id), shortDescription: .init(text: rule.title),
            fullDescription: .init(text: rule.description), help: .init(text: rule.remediation, markdown: markdown),
            defaultConfiguration: .init(level: level(rule.severity)),
            properties: .init(
                tags: Array(tags.prefix(20)), securitySeverity: securitySeverity(rule.severity), precision: "high"))
    }

    /// `cors.origin-reflected` → `CorsOriginReflected`.
    private static func name(of id: String) -> String {
        id.split { !$0.isLetter && !$0.isNumber }.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    private static func result(_ finding: Finding, ruleIndex: Int, _ input: ReportInput) -> SARIFLog.Result {
        let location = finding.location
        let url = location.origin + location.path
        let operation = [location.method, location.path].compactMap { $0 }.joined(separator: " ")
        let tracked = input.trail[finding.fingerprint]
        return SARIFLog.Result(
            ruleId: finding.ruleID, ruleIndex: ruleIndex, level: level(finding.severity),
            message: .init(text: "\(finding.title): \(finding.detail) — at \(location.display)"),
            locations: [
                .init(
                    physicalLocation: physicalLocation(location, operation: operation, input),
                    logicalLocations: [.init(fullyQualifiedName: operation, kind: "function")])
            ],
            partialFingerprints: ["primaryLocationLineHash": finding.fingerprint.rawValue],
            properties: .init(
                url: url, method: location.method, discriminator: location.discriminator,
                severity: finding.severity.rawValue, checkId: finding.checkID,
                fingerprint: finding.fingerprint.rawValue,
                status: tracked?.status.rawValue, dueAt: input.dueAt(finding).map { $0.formatted(.iso8601) }))
    }

    /// The description file at the operation's line, else `scantrail/<host>-<port>/<path>`.
    private static func physicalLocation(_ location: Location, operation: String, _ input: ReportInput)
        -> SARIFLog.PhysicalLocation
    {
        if let description = input.description {
            return .init(
                artifactLocation: .init(uri: description.path),
                region: description.lines[operation].map { .init(startLine: $0) })
        }
        let target = input.result.target
        let path = location.path == "/" ? "/index" : location.path
        let encoded = path.addingPercentEncoding(withAllowedCharacters: Self.pathCharacters) ?? "/index"
        return .init(artifactLocation: .init(uri: "scantrail/\(target.host)-\(target.port)\(encoded)"), region: nil)
    }

    /// Path characters that need no escaping in a URI reference: RFC 3986 unreserved, sub-delims, `:`, `@`, `/`.
    private static let pathCharacters = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/")
}
