import Foundation
import HTTPTypes
import Hummingbird
import ScantrailChecks
import ScantrailCore
import ScantrailDemo
import ScantrailHTTP
import Synchronization
import Testing

@Suite("An identity whose session the API ends in mid-scan signs in again, once, and says so")
struct SessionKeepingTests {
    /// An API whose sign-in hands out a fresh token that works for `uses` requests, then is
    /// refused with 401 (a session ended early, server side).
    static func router(uses: Int) -> Router<BasicRequestContext> {
        let sessions = Mutex<[String: Int]>([:])
        let router = Router()
        router.post("/login") { _, _ in
            let token = UUID().uuidString
            sessions.withLock { $0[token] = uses }
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"token":"\#(token)"}"#)))
        }
        router.get("/orders") { request, _ in
            let token = request.headers[.authorization].map { String($0.dropFirst(7)) } ?? ""
            let allowed = sessions.withLock { sessions -> Bool in
                guard let left = sessions[token], left > 0 else { return false }
                sessions[token] = left - 1
                return true
            }
            return Response(status: allowed ? .ok : .unauthorized)
        }
        return router
    }

    /// Runs `body` with a probe that keeps `alice`'s session, signed in by a login recipe.
    static func withAlice(
        uses: Int,
        _ body: (_ probe: SessionKeepingProbe, _ alice: Identity, _ orders: String) async throws -> Void
    ) async throws {
        try await LocalHTTPServer.withRunning(router(uses: uses)) { port in
            let configuration = ScanConfiguration()
            let alice = try await TokenAcquisition.login(
                method: "POST", url: "http://127.0.0.1:\(port)/login", body: #"{"username":"alice","password":"pw"}"#,
                contentType: "application/json", token: .json("token"), use: .bearer
            ).identity(name: "alice", role: "user", configuration: configuration)
            try await HTTPClientProbe.withProbe(configuration: configuration) { http in
                try await body(
                    SessionKeepingProbe(http, identities: [alice]), alice, "http://127.0.0.1:\(port)/orders")
            }
        }
    }

    static func order(_ probe: SessionKeepingProbe, as credential: Identity.Credential?, _ url: String) async throws
        -> Int?
    {
        var request = Identity.apply(credential, to: ProbeRequest(url: url))
        request.acceptsEarlierAnswer = false
        return try await probe.send(request).response?.status
    }

    @Test("a 401 after the credential worked signs in again and sends the request again; a second ending is left")
    func signsInAgainOnce() async throws {
        try await Self.withAlice(uses: 2) { probe, alice, orders in
            #expect(try await Self.order(probe, as: alice.credential, orders) == 200)
            #expect(try await Self.order(probe, as: alice.credential, orders) == 200)
            #expect(try await Self.order(probe, as: alice.credential, orders) == 200, "signed in again")
            #expect(probe.notes.map { "\($0.identity) \($0.refused) \($0.retried)" } == ["alice GET \(orders) 200"])
            let renewed = try await alice.currentCredential()
            #expect(renewed != alice.credential, "the identity now holds the new token")
            #expect(try await Self.order(probe, as: renewed, orders) == 200)
            #expect(try await Self.order(probe, as: renewed, orders) == 401, "once per scan")
            #expect(probe.notes.count == 1)
        }
    }

    @Test("a credential that never worked, no credential and a garbage token are left as answered")
    func leavesOthersAlone() async throws {
        try await Self.withAlice(uses: 0) { probe, alice, orders in
            let statuses = [
                try await Self.order(probe, as: alice.credential, orders),
                try await Self.order(probe, as: nil, orders),
                try await Self.order(probe, as: alice.credential.replacingToken(with: "garbage"), orders),
            ]
            #expect(statuses == [401, 401, 401])
            #expect(probe.notes.isEmpty)
        }
    }
}
