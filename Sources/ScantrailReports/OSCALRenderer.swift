import Crypto
import Foundation
import ScantrailCore

/// Writes a scan as OSCAL 1.2 assessment results (JSON): one result for the scan, one observation
/// per rule judged at each place (method `TEST`, with its outcome), and one finding per Trust
/// Services criterion reviewed (`satisfied` unless a rule mapped to it failed), each pointing at
/// the observations behind it. UUIDs are derived from the content, so one scan always gives the
/// same document; arrays are never empty (OSCAL forbids it).
public struct OSCALRenderer: Sendable {
    /// The OSCAL version written.
    public static let oscalVersion = "1.2.1"
    /// Namespace of Scantrail's own properties.
    static let namespace = "urn:scantrail"

    /// Creates the renderer.
    public init() {}

    /// The assessment-results document.
    public func render(_ input: ReportInput) throws -> Data {
        let result = input.result
        let scanKey = "\(result.targetURL) \(result.startedAt.timeIntervalSince1970)"
        let judgements = result.judgements
        var observations: [[String: Any]] = []
        var byCriterion: [TrustServicesCriterion: (uuids: [String], failed: Int)] = [:]
        for (checkID, outcome) in judgements {
            let uuid = Self.uuid("\(scanKey) observation \(checkID) \(outcome.ruleID) \(outcome.location.display)")
            observations.append([
                "uuid": uuid, "title": "\(outcome.ruleID) at \(outcome.location.display)",
                "description": outcome.detail.isEmpty ? outcome.ruleID : outcome.detail, "methods": ["TEST"],
                "collected": Timestamp.text(result.startedAt),
                "props": [
                    Self.prop("outcome", outcome.status.rawValue), Self.prop("rule-id", outcome.ruleID),
                    Self.prop("check-id", checkID),
                ],
            ])
            for criterion in input.catalogue[outcome.ruleID]?.mapping.trustServicesCriteria ?? [] {
                var entry = byCriterion[criterion] ?? ([], 0)
                entry.uuids.append(uuid)
                if outcome.status == .failed { entry.failed += 1 }
                byCriterion[criterion] = entry
            }
        }
        let criteria = byCriterion.keys.sorted()
        let findings: [[String: Any]] = criteria.map { criterion in
            let entry = byCriterion[criterion]!
            let satisfied = entry.failed == 0
            return [
                "uuid": Self.uuid("\(scanKey) finding \(criterion.rawValue)"),
                "title": "\(criterion.rawValue): \(satisfied ? "no failure" : "\(entry.failed) failures") in this scan",
                "description": satisfied
                    ? "Every rule mapped to \(criterion.rawValue) that was judged passed or did not apply."
                    : "\(entry.failed) judgements of rules mapped to \(criterion.rawValue) failed; see the related observations.",
                "target": [
                    "type": "objective-id", "target-id": Self.controlID(criterion),
                    "status": ["state": satisfied ? "satisfied" : "not-satisfied"],
                ],
                "related-observations": entry.uuids.map { ["observation-uuid": $0] },
            ]
        }
        let plan = Self.uuid("\(scanKey) assessment plan")
        var scanResult: [String: Any] = [
            "uuid": Self.uuid("\(scanKey) result"), "title": "External scan of \(result.targetURL)",
            "description": "Scantrail \(result.scanner.version) scanned \(result.targetURL) from the outside: "
                + "\(result.summary.passed) passed, \(result.summary.failed) failed, \(result.summary.notApplicable) not applicable, "
                + "\(result.summary.inconclusive) not judged.",
            "start": Timestamp.text(result.startedAt), "end": Timestamp.text(result.finishedAt),
            "reviewed-controls": [
                "control-selections": [
                    criteria.isEmpty
                        ? ["include-all": [String: String]()]
                        : ["include-controls": criteria.map { ["control-id": Self.controlID($0)] }]
                ]
            ],
        ]
        if !observations.isEmpty { scanResult["observations"] = observations }
        if !findings.isEmpty { scanResult["findings"] = findings }
        let document: [String: Any] = [
            "assessment-results": [
                "uuid": Self.uuid("\(scanKey) assessment results"),
                "metadata": [
                    "title": "Scantrail assessment results: \(result.targetURL)",
                    "last-modified": Timestamp.text(result.finishedAt), "version": result.scanner.version,
                    "oscal-version": Self.oscalVersion,
                ],
                "import-ap": ["href": "#\(plan)"],
                "results": [scanResult],
                "back-matter": [
                    "resources": [
                        [
                            "uuid": plan, "title": "Scantrail external scan",
                            "description": "The assessment plan is the scan's configuration, recorded with the result.",
                        ]
                    ]
                ],
            ]
        ]
        var data = JSONRendering.escapingControls(
            try JSONSerialization.data(
                withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
        data.append(0x0A)
        return data
    }

    /// `CC6.1` → `cc6.1`: OSCAL control ids are tokens, conventionally lower case.
    static func controlID(_ criterion: TrustServicesCriterion) -> String { criterion.rawValue.lowercased() }

    private static func prop(_ name: String, _ value: String) -> [String: String] {
        ["name": name, "ns": namespace, "value": value]
    }

    /// A name-based UUID (version 5 layout over SHA-256): the same name always gives the same UUID.
    static func uuid(_ name: String) -> String {
        var bytes = Array(SHA256.hash(data: Data(name.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.hexString
        let cuts = [0, 8, 12, 16, 20, 32].map { hex.index(hex.startIndex, offsetBy: $0) }
        return zip(cuts, cuts.dropFirst()).map { String(hex[$0..<$1]) }.joined(separator: "-")
    }
}
