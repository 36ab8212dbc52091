import Foundation
import ScantrailCore
import Testing

@Suite("The configuration every report carries: complete, redacted, and readable from older reports")
struct ScanConfigurationTests {
    static func json(_ configuration: ScanConfiguration) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(configuration)) as? [String: Any])
    }

    @Test("every custom header's value is hidden, whatever its name")
    func headersHidden() throws {
        let configuration = ScanConfiguration(headers: [
            HeaderField(name: "X-Tenant", value: "acme-secret-tenant"), HeaderField(name: "Cookie", value: "sid=abc"),
        ])
        let text = String(decoding: try JSONEncoder().encode(configuration), as: UTF8.self)
        #expect(!text.contains("acme-secret-tenant") && !text.contains("sid=abc"))
        #expect(text.contains("X-Tenant"))
    }

    @Test("a configuration decodes back to itself, headers aside")
    func roundTrip() throws {
        let configuration = ScanConfiguration(
            enabledChecks: ["tls.configuration"], active: true, cleartextPort: 8080, caFile: "/etc/ca.pem",
            expiryWarningDays: 14, scope: TargetScope(allowedHosts: ["api.test"], hosted: true))
        let back = try JSONDecoder().decode(ScanConfiguration.self, from: try JSONEncoder().encode(configuration))
        #expect(back == configuration)
    }

    @Test("a report written before expiry warnings, scope and proxy existed decodes with the defaults")
    func olderReports() throws {
        var object = try Self.json(ScanConfiguration())
        for key in ["expiryWarningDays", "scope", "proxy"] { object.removeValue(forKey: key) }
        let back = try JSONDecoder().decode(
            ScanConfiguration.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(back.expiryWarningDays == 30 && back.scope == TargetScope() && back.proxy == nil)
    }

    @Test("optional settings are left out when unset")
    func sparse() throws {
        let object = try Self.json(ScanConfiguration())
        #expect(object["enabledChecks"] == nil && object["cleartextPort"] == nil && object["caFile"] == nil)
        #expect(object["proxy"] == nil && object["scope"] != nil && object["limits"] != nil)
    }
}
