import Foundation
import ScantrailApp
import ScantrailTLS
import Testing

@Suite("What a user types: TLS targets and acceptance expiries")
struct InputParsingTests {
    @Test(
        "HOST, HOST:PORT, [IPv6]:PORT and https URLs name a TLS target, port 443 by default",
        arguments: [
            ("api.example.com", "api.example.com", 443), ("API.example.com:8443", "api.example.com", 8443),
            ("[::1]:4433", "::1", 4433), ("[::1]", "::1", 443),
            ("https://api.example.com:9443/v1", "api.example.com", 9443),
            ("127.0.0.1", "127.0.0.1", 443),
        ])
    func tlsTargets(text: String, host: String, port: Int) throws {
        let target = try TLSProbeTarget(parsing: text, serverName: nil, address: nil)
        #expect(target.host == host && target.port == port)
    }

    @Test(
        "malformed TLS targets are refused in one sentence",
        arguments: [
            ("[::1", "unclosed [ in [::1"), ("host:port", "not a port number in host:port"),
            ("host:70000", "port 70000 is out of range 1-65535"), ("a b", "not HOST[:PORT]: a b"),
            ("ftp://host", "unsupported scheme 'ftp'"),
        ])
    func badTLSTargets(text: String, message: String) {
        let error = appError { _ = try TLSProbeTarget(parsing: text, serverName: nil, address: nil) }
        #expect(
            error?.kind == .invalidRequest && error?.description.contains(message) == true,
            "\(error.map { "\($0)" } ?? "accepted")")
    }

    @Test("an expiry is a date, an ISO 8601 time, or a number of days from now")
    func expiries() throws {
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        #expect(try Date(expiry: "90d", from: now) == now.addingTimeInterval(90 * 86_400))
        #expect(try Date(expiry: "2027-03-31", from: now) == Date(timeIntervalSince1970: 1_806_451_200))
        #expect(try Date(expiry: "2027-03-31T12:00:00Z", from: now) == Date(timeIntervalSince1970: 1_806_494_400))
        for bad in ["someday", "0d", "-5d", "31/03/2027"] {
            #expect(appError { _ = try Date(expiry: bad, from: now) }?.setting == .expires, "\(bad)")
        }
    }
}
