import Foundation
import ScantrailStore
import Yams

/// The optional YAML configuration file (`--config FILE` or `$SCANTRAIL_CONFIG`):
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
/// ```
struct ConfigFile: Decodable {
    /// Remediation days per severity.
    var sla = SLAPolicy()
    /// Audit log retention.
    var retentionDays = EvidenceStore.defaultRetentionDays
    /// Identities for the OpenAPI-driven checks, secrets not yet read from the environment.
    var identities: [IdentityEntry] = []

    init() {}

    private enum CodingKeys: String, CodingKey {
        case sla, retentionDays, identities
    }

    private struct PolicyKeys: Decodable {
        var critical: Int?
        var high: Int?
        var medium: Int?
        var low: Int?
        var info: Int?
    }

    init(from decoder: any Decoder) throws {
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
    }

    /// Reads `path`, or the defaults when `path` is `nil`.
    ///
    /// - Throws: ``InputError`` naming the file and what is wrong with it.
    static func load(_ path: String?) throws -> ConfigFile {
        guard let path else { return ConfigFile() }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw InputError(description: "cannot read config file \(path)")
        }
        let config: ConfigFile
        do {
            config = try YAMLDecoder().decode(ConfigFile.self, from: text)
        } catch {
            throw InputError(description: "config file \(path) is not valid: \(Self.reason(error))")
        }
        let days =
            [config.sla.critical, config.sla.high, config.sla.medium, config.sla.low]
            + [config.sla.info].compactMap { $0 }
        guard days.allSatisfy({ $0 > 0 }) else {
            throw InputError(description: "config file \(path): SLA days must be positive")
        }
        guard config.retentionDays >= EvidenceStore.minimumRetentionDays else {
            throw InputError(
                description: "config file \(path): retentionDays must be at least \(EvidenceStore.minimumRetentionDays)"
            )
        }
        return config
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
