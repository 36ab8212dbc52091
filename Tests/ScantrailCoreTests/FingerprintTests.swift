import ScantrailCore
import Testing

@Suite("Fingerprints identify a problem at a place, scan after scan")
struct FingerprintTests {
    let location = Location(origin: "https://api.example.com:443", method: "GET", path: "/users/{id}")

    @Test("the same rule at the same place always gives the same 64-hex fingerprint")
    func stable() {
        let first = Fingerprint(ruleID: "headers.version-disclosure", location: location)
        let second = Fingerprint(ruleID: "headers.version-disclosure", location: location)
        #expect(first == second)
        #expect(first.rawValue.count == 64)
        #expect(first.rawValue.allSatisfy { $0.isHexDigit })
    }

    @Test("case of origin and method, a trailing slash and the query do not change it")
    func normalised() {
        let variant = Location(origin: "HTTPS://API.example.com:443", method: "get", path: "/users/{id}/?page=2")
        #expect(Fingerprint(ruleID: "r.x", location: location) == Fingerprint(ruleID: "r.x", location: variant))
    }

    @Test(
        "rule, origin, method, path and discriminator each tell findings apart",
        arguments: [
            Location(origin: "https://other.example.com:443", method: "GET", path: "/users/{id}"),
            Location(origin: "https://api.example.com:443", method: "POST", path: "/users/{id}"),
            Location(origin: "https://api.example.com:443", method: "GET", path: "/users"),
            Location(
                origin: "https://api.example.com:443", method: "GET", path: "/users/{id}", discriminator: "Server"),
        ]
    )
    func distinct(other: Location) {
        #expect(Fingerprint(ruleID: "r.x", location: location) != Fingerprint(ruleID: "r.x", location: other))
        #expect(Fingerprint(ruleID: "r.x", location: location) != Fingerprint(ruleID: "r.y", location: location))
    }
}
