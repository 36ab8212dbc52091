import Foundation
import ScantrailCore
import Testing

@Suite("An identity puts its credential on a request, and never into a report")
struct IdentityTests {
    static let bearer = Identity.Credential.header(name: "Authorization", value: "Bearer eyJ.alice.sig")
    static let basic = Identity.Credential.header(
        name: "Authorization", value: "Basic " + Data("alice:pa ss&word".utf8).base64EncodedString())

    @Test("a header credential is added and the user's configured headers are left out")
    func header() {
        let request = Identity(name: "alice", role: "user", credential: Self.bearer)
            .apply(to: ProbeRequest(url: "https://api.test/me"))
        #expect(request.headers == [HeaderField(name: "Authorization", value: "Bearer eyJ.alice.sig")])
        #expect(request.omitsConfiguredHeaders)
    }

    @Test("a query credential is appended with & or ?, and encoded so it stays one parameter")
    func query() {
        let credential = Identity.Credential.query(name: "api_key", value: "a&b=c+d")
        #expect(
            Identity.apply(credential, to: ProbeRequest(url: "https://api.test/x")).url
                == "https://api.test/x?api_key=a%26b%3Dc%2Bd")
        #expect(
            Identity.apply(credential, to: ProbeRequest(url: "https://api.test/x?page=2")).url
                == "https://api.test/x?page=2&api_key=a%26b%3Dc%2Bd")
    }

    @Test("a cookie credential is a Cookie header; no credential is an anonymous request")
    func cookieAndAnonymous() {
        let cookie = Identity.apply(.cookie(name: "session", value: "s1"), to: ProbeRequest(url: "https://api.test/"))
        #expect(cookie.headers == [HeaderField(name: "Cookie", value: "session=s1")])
        let anonymous = Identity.apply(nil, to: ProbeRequest(url: "https://api.test/"))
        #expect(anonymous.headers.isEmpty && anonymous.omitsConfiguredHeaders)
    }

    @Test("the token is the secret without its scheme word; forging replaces only the token")
    func token() {
        #expect(Self.bearer.token == "eyJ.alice.sig")
        #expect(Self.bearer.replacingToken(with: "forged") == .header(name: "Authorization", value: "Bearer forged"))
        let key = Identity.Credential.header(name: "X-API-Key", value: "k1")
        #expect(key.token == "k1" && key.replacingToken(with: "k2") == .header(name: "X-API-Key", value: "k2"))
        #expect(
            Identity.Credential.query(name: "key", value: "q").replacingToken(with: "z")
                == .query(name: "key", value: "z"))
    }

    @Test("HTTP Basic hides the encoded token, the decoded pair and the password alone")
    func basicSecrets() {
        #expect(Self.basic.secrets == [Self.basic.token, "alice:pa ss&word", "pa ss&word"])
        #expect(Self.bearer.secrets == ["eyJ.alice.sig"])
    }

    @Test("encoded, an identity is its name, role and credential kind; decoded, the secret is gone")
    func neverInAReport() throws {
        let identity = Identity(name: "root", role: "admin", credential: Self.bearer)
        let data = try JSONEncoder().encode(identity)
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("alice.sig"))
        #expect(text.contains("header Authorization"))
        let back = try JSONDecoder().decode(Identity.self, from: data)
        #expect(back.name == "root" && back.isAdministrator)
        #expect(back.credential.token == Redaction.marker)
    }

    @Test("the admin role is read from its label, whatever the case")
    func administrators() {
        #expect(Identity(name: "r", role: "Org-Admin", credential: Self.bearer).isAdministrator)
        #expect(!Identity(name: "a", role: "user", credential: Self.bearer).isAdministrator)
    }

    @Test("summaries name the kind and the place, never the value")
    func summaries() {
        #expect(Self.bearer.summary == "header Authorization")
        #expect(Identity.Credential.query(name: "api_key", value: "v").summary == "query api_key")
        #expect(Identity.Credential.cookie(name: "sid", value: "v").summary == "cookie sid")
    }
}
