import Foundation
import ScantrailApp
import ScantrailCore
import ScantrailDemo
import ScantrailTestSupport
import Testing

@Suite("Same target, same findings: scanned again, or from 50 ms away, an unchanged API gives the same set")
struct DeterminismTests {
    /// `rule method path [discriminator]` of every finding of an active scan of the accounts API
    /// (three identities) at `port`: the fingerprint's parts without the origin, which the
    /// proxy changes.
    static func findings(at port: Int) async throws -> Set<String> {
        let api = try await AccountsAPI.description(.flawed)
        var settings = ScanSettings()
        settings.active = true
        let request = ScanRequest(
            target: ScanTarget(scheme: "http", host: "127.0.0.1", port: port),
            description: .imported(api.inventory, source: "openapi.json"),
            identities: api.identities.map(IdentitySource.given), settings: settings)
        let result = try await ScanSession.withSession(request) { try await $0.run() }
        return Set(
            result.findings.map {
                "\($0.ruleID) \($0.location.method ?? "") \($0.location.path) [\($0.location.discriminator ?? "")]"
            })
    }

    @Test("three scans in a row on loopback, and one behind a proxy adding 50 ms of round trip, agree")
    func sameFindings() async throws {
        try await LocalHTTPServer.withRunning(AccountsAPI.router(.flawed)) { port in
            let first = try await Self.findings(at: port)
            #expect(first.count > 20, "the planted flaws and more: \(first.count)")
            for _ in 0..<2 {
                let again = try await Self.findings(at: port)
                #expect(again == first, "appeared: \(again.subtracting(first)); gone: \(first.subtracting(again))")
            }
            try await LatencyProxy.withRunning(to: port, roundTrip: .milliseconds(50)) { proxied in
                let far = try await Self.findings(at: proxied)
                #expect(far == first, "appeared: \(far.subtracting(first)); gone: \(first.subtracting(far))")
            }
        }
    }
}
