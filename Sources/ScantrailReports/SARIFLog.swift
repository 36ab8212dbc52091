/// The part of SARIF 2.1.0 Scantrail writes, as GitHub code scanning reads it.
struct SARIFLog: Encodable {
    struct Text: Encodable {
        let text: String
    }

    struct Help: Encodable {
        let text: String
        let markdown: String
    }

    struct Configuration: Encodable {
        let level: String
    }

    struct RuleProperties: Encodable {
        let tags: [String]
        let securitySeverity: String
        let precision: String

        enum CodingKeys: String, CodingKey {
            case tags, precision
            case securitySeverity = "security-severity"
        }
    }

    struct Rule: Encodable {
        let id: String
        let name: String
        let shortDescription: Text
        let fullDescription: Text
        let help: Help
        let defaultConfiguration: Configuration
        let properties: RuleProperties
    }

    struct Driver: Encodable {
        let name: String
        let version: String
        let semanticVersion: String
        let rules: [Rule]
    }

    struct Tool: Encodable {
        let driver: Driver
    }

    struct ArtifactLocation: Encodable {
        let uri: String
    }

    struct Region: Encodable {
        let startLine: Int
    }

    struct PhysicalLocation: Encodable {
        let artifactLocation: ArtifactLocation
        let region: Region?
    }

    struct LogicalLocation: Encodable {
        let fullyQualifiedName: String
        let kind: String
    }

    struct Location: Encodable {
        let physicalLocation: PhysicalLocation
        let logicalLocations: [LogicalLocation]
    }

    struct ResultProperties: Encodable {
        let url: String
        let method: String?
        let discriminator: String?
        let severity: String
        let checkId: String
        let fingerprint: String
        let status: String?
        let dueAt: String?
    }

    struct Result: Encodable {
        let ruleId: String
        let ruleIndex: Int
        let level: String
        let message: Text
        let locations: [Location]
        let partialFingerprints: [String: String]
        let properties: ResultProperties
    }

    struct AutomationDetails: Encodable {
        let id: String
    }

    struct Invocation: Encodable {
        let executionSuccessful: Bool
        let startTimeUtc: String
        let endTimeUtc: String
    }

    struct RunProperties: Encodable {
        let target: String
        let resultsLeftOut: Int
    }

    struct Run: Encodable {
        let tool: Tool
        let automationDetails: AutomationDetails
        let invocations: [Invocation]
        let results: [Result]
        let properties: RunProperties
    }

    let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    let version = "2.1.0"
    let runs: [Run]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema"
        case version, runs
    }
}
