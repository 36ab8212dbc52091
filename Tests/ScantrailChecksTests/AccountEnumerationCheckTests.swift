import Hummingbird
import ScantrailCore
import ScantrailDemo
import Testing

@testable import ScantrailChecks
@testable import ScantrailOpenAPI

@Suite("Sign-in, sign-up and password reset must not tell a real account from an unknown one")
struct AccountEnumerationCheckTests {
    static func outcomes(
        _ router: Router<BasicRequestContext>, identities: [Identity] = [CatalogueAPI.identity], active: Bool = true
    ) async throws -> [Outcome] {
        let api = APIUnderTest(inventory: try await CatalogueAPI.description(), identities: identities)
        return try await CheckHarness.outcomes(
            of: AccountEnumerationCheck(api: api), servedBy: router, configuration: ScanConfiguration(active: active))
    }

    @Test(
        "a sign-in and a reset that answer unknown accounts with 404 and a sign-up that answers a taken email with 409 fail, by status"
    )
    func flawed() async throws {
        let outcomes = try await Self.outcomes(try CatalogueAPI.router(.flawed))
        #expect(
            outcomes.failures == [
                "auth.account-enumeration @ POST /login", "auth.account-enumeration @ POST /password-reset",
                "auth.account-enumeration @ POST /signup",
            ])
        let login = try #require(outcomes.first { $0.location.path == "/login" })
        #expect(login.detail.hasPrefix("the status tells them apart — real account: 401"), "\(login.detail)")
        let signUp = try #require(outcomes.first { $0.location.path == "/signup" })
        #expect(
            signUp.detail.hasPrefix("the status tells them apart — real account: 409")
                && signUp.detail.contains(
                    "new account: 201"),
            "\(signUp.detail)")
    }

    @Test("the hardened twin answers both alike: each operation passes")
    func hardened() async throws {
        let outcomes = try await Self.outcomes(try CatalogueAPI.router(.hardened))
        #expect(outcomes.count == 3 && outcomes.allSatisfy { $0.status == .passed }, "\(outcomes.map(\.detail))")
    }

    @Test("a sign-up that refuses the new account too tells nothing: inconclusive, never passed")
    func refusedSignUp() async throws {
        let router = Router()
        router.post("/signup") { _, _ in
            Response(
                status: .badRequest, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: .init(string: #"{"error":"sign-ups are closed"}"#)))
        }
        let signUp = try await Self.outcomes(router).first { $0.location.path == "/signup" }
        #expect(signUp?.status == .inconclusive, "\(signUp?.detail ?? "none")")
        #expect(signUp?.detail.hasPrefix("a new account's sign-up was refused") == true)
    }

    @Test("passive mode, no known account and a catch-all page are never findings")
    func untested() async throws {
        let passive = try await Self.outcomes(try CatalogueAPI.router(.flawed), active: false)
        #expect(passive.count == 3 && passive.allSatisfy { $0.status == .inconclusive })
        let anonymous = Identity(name: "x", role: "user", credential: .header(name: "X-Key", value: "k"))
        let nobody = try await Self.outcomes(try CatalogueAPI.router(.flawed), identities: [anonymous])
        #expect(nobody.map(\.status) == [.inconclusive] && nobody[0].detail.contains("account name"))
        let page = "<!doctype html><title>Login</title><nav>Products · Login · Password reset</nav>"
        let catchAll = try await Self.outcomes(CheckHarness.catchAll(page, mediaType: "text/html"))
        #expect(catchAll.failures.isEmpty && catchAll.count == 3)
    }

    /// The check's judgement of one hand-built trial.
    static func judged(_ trial: AccountEnumerationCheck.Trial) -> Outcome? {
        AccountEnumerationCheck(api: HandBuilt.emptyAPI).evaluate(
            .init(origin: HandBuilt.origin, notTested: nil, trials: [trial], untested: [:])
        ).first
    }

    @Test("judged from the records: another body fails, a slower real account fails, alike passes")
    func judged() {
        func outcome(_ known: String, _ unknown: String, slow: [Int] = [], fast: [Int] = [], status: Int = 401)
            -> Outcome?
        {
            Self.judged(
                .init(
                    operation: "POST /login", purpose: .login,
                    known: HandBuilt.record("real account", status: status, body: known),
                    unknown: HandBuilt.record("unknown account", status: 401, body: unknown),
                    knownMilliseconds: slow, unknownMilliseconds: fast))
        }
        let refused = #"{"error":"invalid email or password"}"#
        #expect(
            outcome(#"{"error":"wrong password"}"#, #"{"error":"unknown user"}"#)?.detail.hasPrefix("the body") == true)
        #expect(outcome(refused, refused)?.status == .passed)
        #expect(outcome(refused, refused, status: 429)?.status == .inconclusive, "a rate limit hides the answer")
        let slow = outcome(refused, refused, slow: [180, 175, 190, 185], fast: [2, 3, 2, 4])
        #expect(slow?.status == .failed && slow?.detail.hasPrefix("the time tells them apart") == true)
    }

    @Test(
        "a sign-up is judged beside a new account's: taken told apart fails, alike passes, a refused new one is inconclusive"
    )
    func judgedSignUp() {
        func status(taken: Int, new: Int) -> Outcome.Status? {
            Self.judged(
                .init(
                    operation: "POST /signup", purpose: .signUp,
                    known: HandBuilt.record("real account", status: taken, body: #"{"status":"ok"}"#),
                    unknown: HandBuilt.record("new account", status: new, body: #"{"status":"ok"}"#),
                    knownMilliseconds: [], unknownMilliseconds: []))?.status
        }
        #expect(status(taken: 409, new: 201) == .failed)
        #expect(status(taken: 202, new: 202) == .passed)
        #expect(status(taken: 400, new: 400) == .inconclusive, "neither reached the question of the address")
    }

    @Test("time tells accounts apart only when every real-account sample is slower and the medians 50 ms apart")
    func timing() {
        #expect(
            AccountEnumerationCheck.timingGap([120, 130, 125, 140], [3, 5, 4, 6]) == 125, "upper medians: 130 and 5")
        #expect(AccountEnumerationCheck.timingGap([120, 130, 2, 140], [3, 5, 4, 6]) == nil, "overlapping samples")
        #expect(AccountEnumerationCheck.timingGap([40, 45, 41, 44], [3, 5, 4, 6]) == nil, "too close")
        #expect(AccountEnumerationCheck.timingGap([], []) == nil)
    }

    @Test(
        "sign-ins need an account and a password field; resets a path that says so; sign-ups a sign-up path and both fields; an unknown email keeps the domain"
    )
    func recognised() {
        func operation(_ path: String, _ fields: [String]) -> APIOperation {
            APIOperation(
                method: "POST", path: path, operationID: nil, summary: nil, tags: [], parameters: [],
                requestBody: APIRequestBody(
                    mediaType: "application/json",
                    example: .object(Dictionary(uniqueKeysWithValues: fields.map { ($0, JSONValue.string("x")) }))),
                security: [])
        }
        #expect(AccountEnumerationCheck.purpose(of: operation("/session", ["username", "password"]))?.0 == .login)
        #expect(AccountEnumerationCheck.purpose(of: operation("/auth/forgot", ["email"]))?.0 == .reset)
        #expect(AccountEnumerationCheck.purpose(of: operation("/newsletter", ["email"])) == nil)
        #expect(AccountEnumerationCheck.purpose(of: operation("/register", ["email", "password"]))?.0 == .signUp)
        #expect(AccountEnumerationCheck.purpose(of: operation("/register", ["email"])) == nil, "no password")
        #expect(
            AccountEnumerationCheck.unknownAccount(like: "cleo@example.test") == "scantrail-nobody-7f3a9c@example.test")
    }
}
