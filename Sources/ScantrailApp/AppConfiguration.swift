import Foundation
import ScantrailOpenAPI
import ScantrailStore
import Yams

/// The optional YAML configuration file (`--config FILE` or `$SCANTRAIL_CONFIG`), with its
/// documented defaults:
///
/// ```yaml
/// sla:            # days to fix, per severity, for findings detected from now on
///   critical: 7
///   high: 30
///   medium: 90
///   low: 180
///   info: 365     # omit for no deadline
/// retentionDays: 400   # audit log retention; at least 90
/// identities:          # who the OpenAPI-driven checks call the API as (see IdentityEntry)
///   - name: alice
///     bearer: ${ALICE_TOKEN}
/// alerts:              # what raises an alert, and the webhooks it goes to (see AlertSettings)
///   webhooks:
///     - {name: security-channel, url: "${SLACK_WEBHOOK_URL}", format: slack}
/// tickets:             # remediation tickets in GitHub Issues or Jira (see TicketSettings)
///   github: {repository: acme/api, token: "${GITHUB_TOKEN}"}
/// exclude:             # requests never sent, as --exclude takes them (a monitored target's
///   - GET /seed        # scans read them from its --identities-from file)
/// ```
public struct AppConfiguration: Decodable, Sendable {
    /// Remediation days per severity.
    public var sla = SLAPolicy()
    /// Audit log retention in days.
    public var retentionDays = EvidenceStore.defaultRetentionDays
    /// Identities for the OpenAPI-driven checks, secrets not yet read from the environment.
    public var identities: [IdentityEntry] = []
    /// Alert rules and webhooks.
    public var alerts = AlertSettings()
    /// Remediation tickets: which findings, which tracker.
    public var tickets = TicketSettings()
    /// Requests never sent, as `METHOD /path` (``ScanSettings/exclusions``).
    public var exclude: [String] = []

    /// The defaults.
    public init() {}

    private enum CodingKeys: String, CodingKey {
        case sla, retentionDays, identities, alerts, tickets, exclude
    }

    private struct PolicyKeys: Decodable {
        var critical: Int?
        var high: Int?
        var medium: Int?
        var low: Int?
        var info: Int?
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let days = try container.decodeIfPresent(PolicyKeys.self, forKey: .sla) {
            sla.critical = days.critical ?? sla.critical
            sla.high = days.high ?? sla.high
            sla.medium = days.medium ?? sla.medium
            sla.low = days.low ?? sla.low
            sla.info = days.info ?? sla.info
        }
        retentionDays = try container.decodeIfPresent(Int.self, forKey: .retentionDays) ?? retentionDays
        identities = try container.decodeIfPresent([IdentityEntry].self, forKey: .identities) ?? []
        alerts = try container.decodeIfPresent(AlertSettings.self, forKey: .alerts) ?? alerts
        tickets = try container.decodeIfPresent(TicketSettings.self, forKey: .tickets) ?? tickets
        exclude = try container.decodeIfPresent([String].self, forKey: .exclude) ?? []
    }

    /// Reads and validates `text`, the contents of the file at `path`.
    ///
    /// - Throws: ``AppError`` naming the file and what is wrong with it.
    public init(yaml text: String, path: String) throws {
        do {
            try DocumentLimits.standard.check(yaml: text)
            self = try YAMLDecoder().decode(AppConfiguration.self, from: text)
        } catch let violation as DocumentLimits.Violation {
            throw AppError.invalid("config file \(path) \(violation)")
        } catch {
            throw AppError.invalid("config file \(path) is not valid: \(Self.reason(error))")
        }
        let days = [sla.critical, sla.high, sla.medium, sla.low] + [sla.info].compactMap { $0 }
        guard days.allSatisfy({ $0 > 0 }) else {
            throw AppError.invalid("config file \(path): SLA days must be positive")
        }
        guard retentionDays >= EvidenceStore.minimumRetentionDays else {
            throw AppError.invalid(
                "config file \(path): retentionDays must be at least \(EvidenceStore.minimumRetentionDays)")
        }
    }

    /// Reads the file at `path`, or the defaults when `path` is `nil`.
    ///
    /// - Throws: ``AppError`` naming the file and what is wrong with it.
    public static func load(_ path: String?) throws -> AppConfiguration {
        guard let path else { return AppConfiguration() }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw AppError.invalid("cannot read config file \(path)")
        }
        return try AppConfiguration(yaml: text, path: path)
    }

    /// The identities, with `${VAR}` references read from `environment`.
    ///
    /// - Throws: ``AppError`` for a malformed entry or an unset variable.
    public func identitySources(environment: [String: String]) throws -> [IdentitySource] {
        try identities.map { try $0.source(environment: environment) }
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
