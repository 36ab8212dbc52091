import Foundation
import ScantrailApp
import ScantrailCore
import ScantrailDemo
import ScantrailOpenAPI
import ScantrailTestSupport
import Testing

@Suite("Same target, same findings: scanned again, or from 50 ms away, an unchanged API gives the same set")
struct DeterminismTests {
    /// `rule method path [discriminator]` of every finding of an active scan with
    /// `inventory` and `identities` at `port`: the fingerprint's parts without the origin,
    /// which the proxy changes.
    static func findings(at port: Int, _ inventory: APIInventory, _ identities: [Identity]) async throws -> Set<String>
    {
        var settings = ScanSettings()
        settings.active = true
        let request = ScanRequest(
            target: ScanTarget(scheme: "http", host: "127.0.0.1", port: port),
            description: .imported(inventory, source: "openapi.json"),
            identities: identities.map(IdentitySource.given), settings: settings)
        let result = try await ScanSession.withSession(request) { try await $0.run() }
        return Set(
            result.findings.map {
                "\($0.ruleID) \($0.location.method ?? "") \($0.location.path) [\($0.location.discriminator ?? "")]"
            })
    }

    @Test(
        "three scans in a row on loopback, and one behind a proxy adding 50 ms of round trip, agree",
        arguments: [DescribedAPI.accounts, .catalogue])
    func sameFindings(_ described: DescribedAPI) async throws {
        try await described.withRunning(hardened: false) { port, inventory, identities in
            let first = try await Self.findings(at: port, inventory, identities)
            #expect(first.count > 15, "the planted flaws and more: \(first.count)")
            for _ in 0..<2 {
                let again = try await Self.findings(at: port, inventory, identities)
                #expect(again == first, "appeared: \(again.subtracting(first)); gone: \(first.subtracting(again))")
            }
            try await LatencyProxy.withRunning(to: port, roundTrip: .milliseconds(50)) { proxied in
                let far = try await Self.findings(at: proxied, inventory, identities)
                #expect(far == first, "appeared: \(far.subtracting(first)); gone: \(first.subtracting(far))")
            }
        }
    }
}
