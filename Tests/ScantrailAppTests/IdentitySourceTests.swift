import Foundation
import ScantrailApp
import ScantrailCore
import Testing

@Suite("--identity NAME[:ROLE]=KIND:VALUE")
struct IdentitySourceTests {
    private func identity(_ text: String) throws -> Identity {
        guard case .given(let identity) = try IdentitySource(parsing: text) else {
            Issue.record("\(text) did not give a ready identity")
            throw AppError.invalid("not given")
        }
        return identity
    }

    @Test(
        "each kind of credential is sent the documented way",
        arguments: [
            ("alice=bearer:t0k3n", Identity.Credential.header(name: "Authorization", value: "Bearer t0k3n")),
            ("ops=basic:ops:pa55", .header(name: "Authorization", value: "Basic b3BzOnBhNTU=")),
            ("partner=header:X-API-Key: k3y", .header(name: "X-API-Key", value: "k3y")),
            ("partner=query:api_key=k3y", .query(name: "api_key", value: "k3y")),
            ("carol=cookie:session=abc", .cookie(name: "session", value: "abc")),
        ])
    func kinds(text: String, credential: Identity.Credential) throws {
        #expect(try identity(text).credential == credential)
    }

    @Test("the role follows the name, and is user when left out")
    func roles() throws {
        #expect(try identity("root:admin=bearer:x").role == "admin")
        #expect(try identity("root:admin=bearer:x").isAdministrator)
        #expect(try identity("alice=bearer:x").role == "user")
    }

    @Test(
        "malformed identities are refused without echoing the secret",
        arguments: [
            ("alice", "needs NAME[:ROLE]=KIND:VALUE"),
            ("=bearer:hunter2", "needs NAME[:ROLE]=KIND:VALUE"),
            ("alice=hunter2", "needs NAME[:ROLE]=KIND:VALUE"),
            ("alice=token:hunter2", "unknown credential kind 'token' (bearer, basic, header, query, cookie)"),
            ("alice=header:hunter2", "a header credential is written name:value"),
            ("alice=cookie:=hunter2", "a cookie credential is written name=value"),
        ])
    func malformed(text: String, message: String) {
        #expect {
            try IdentitySource(parsing: text)
        } throws: { error in
            let error = error as? AppError
            return error?.kind == .invalidRequest && error?.description.contains(message) == true
                && error?.description.contains("hunter2") == false
        }
    }
}
