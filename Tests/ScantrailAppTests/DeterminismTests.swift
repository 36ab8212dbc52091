import Foundation
import ScantrailApp
import ScantrailCore
import ScantrailDemo
import ScantrailOpenAPI
import ScantrailTestSupport
import Testing

@Suite(
    "Same target, same findings: scanned again, or from 50 ms away, an API gives the same set, even one whose data the scan changes"
)
struct DeterminismTests {
    /// One scan's findings as `rule method path [discriminator]` (the fingerprint's parts without
    /// the origin, which the proxy changes), and every outcome's status and detail under the
    /// same key, to tell why a finding came or went.
    struct Scan {
        let findings: Set<String>
        let outcomes: [String: String]

        /// What `other` found that this scan did not, and the reverse, each with what this scan
        /// judged at that place instead.
        func difference(_ other: Scan) -> String {
            let appeared = other.findings.subtracting(findings).sorted().map {
                "\($0) (here: \(outcomes[$0] ?? "none"))"
            }
            let gone = findings.subtracting(other.findings).sorted().map {
                "\($0) (there: \(other.outcomes[$0] ?? "none"))"
            }
            return "appeared: \(appeared); gone: \(gone)"
        }
    }

    static func key(_ ruleID: String, _ location: Location) -> String {
        "\(ruleID) \(location.method ?? "") \(location.path) [\(location.discriminator ?? "")]"
    }

    /// An active scan with `inventory` and `identities` at `port`.
    static func scan(at port: Int, _ inventory: APIInventory, _ identities: [Identity]) async throws -> Scan {
        let result = try await ActiveScan.run(port: port, inventory, identities)
        let outcomes = result.checks.flatMap(\.outcomes).map {
            (key($0.ruleID, $0.location), "\($0.status.rawValue): \($0.detail.prefix(160))")
        }
        return Scan(
            findings: Set(result.findings.map { key($0.ruleID, $0.location) }),
            outcomes: Dictionary(outcomes, uniquingKeysWith: { first, second in first + " | " + second }))
    }

    @Test(
        "three scans in a row on loopback, and one behind a proxy adding 50 ms of round trip, agree",
        arguments: [DescribedAPI.accounts, .catalogue, .board, .tools])
    func sameFindings(_ described: DescribedAPI) async throws {
        try await described.withRunning(hardened: false) { port, inventory, identities in
            let first = try await Self.scan(at: port, inventory, identities)
            let planted =
                switch described {
                case .board: 5
                case .tools: 9
                default: 16
                }
            #expect(first.findings.count >= planted, "the planted flaws and more: \(first.findings.count)")
            for _ in 0..<2 {
                let again = try await Self.scan(at: port, inventory, identities)
                #expect(again.findings == first.findings, "\(first.difference(again))")
            }
            try await LatencyProxy.withRunning(to: port, roundTrip: .milliseconds(50)) { proxied in
                let far = try await Self.scan(at: proxied, inventory, identities)
                #expect(far.findings == first.findings, "\(first.difference(far))")
            }
        }
    }
}
