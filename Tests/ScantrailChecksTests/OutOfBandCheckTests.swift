import Foundation
import HTTPTypes
import Hummingbird
import ScantrailCore
import ScantrailDemo
import ScantrailHTTP
import Testing

@testable import ScantrailChecks

@Suite("SSRF, command injection and ReDoS against the tools API, proven by a real callback listener")
struct OutOfBandCheckTests {
    static func outcomes<Check: SecurityCheck>(
        _ make: (APIUnderTest) -> Check, _ router: Router<BasicRequestContext>, listening: Bool = true
    ) async throws -> [Outcome] {
        let check = make(APIUnderTest(inventory: try await ToolsAPI.description(), identities: [ToolsAPI.identity]))
        var configuration = ScanConfiguration(active: true)
        // A loaded suite slows every answer: a stalled one must still end in its own time.
        configuration.limits.requestTimeoutSeconds = 30
        configuration.limits.readTimeoutSeconds = 30
        guard listening else {
            return try await CheckHarness.outcomes(of: check, servedBy: router, configuration: configuration)
        }
        return try await CallbackListener.withListening(host: "127.0.0.1") { callbacks in
            try await CheckHarness.outcomes(
                of: check, servedBy: router, configuration: configuration, callbacks: callbacks)
        }
    }

    /// `rule METHOD path [discriminator]` of each failed outcome.
    static func failed(_ outcomes: [Outcome]) -> Set<String> {
        Set(outcomes.filter { $0.status == .failed }.map { "\($0.ruleID) \(label($0.location))" })
    }

    /// `METHOD path [discriminator]`.
    static func label(_ location: Location) -> String {
        "\(location.method ?? "") \(location.path) [\(location.discriminator ?? "")]"
    }

    @Test("a URL the server fetches is SSRF; one whose content comes back is full-read SSRF too")
    func ssrfFlawed() async throws {
        let outcomes = try await Self.outcomes(SSRFCheck.init, ToolsAPI.router(.flawed))
        #expect(
            Self.failed(outcomes) == [
                "ssrf.url-fetched POST /avatars [body image_url]", "ssrf.url-fetched GET /link-preview [query url]",
                "ssrf.response-relayed GET /link-preview [query url]",
            ], "\(outcomes.map(\.detail))")
        let avatar = try #require(
            outcomes.first { $0.ruleID == "ssrf.response-relayed" && $0.location.path == "/avatars" })
        #expect(avatar.status == .passed && avatar.detail.contains("without the listener's content"))
        let fetched = try #require(outcomes.first { $0.ruleID == "ssrf.url-fetched" && $0.status == .failed })
        #expect(fetched.detail.contains("from 127.0.0.1") && fetched.detail.contains("User-Agent demo-fetch"))
    }

    @Test("the hardened twin fetches nothing it is handed; without a listener nothing is judged")
    func ssrfHardenedAndUnheard() async throws {
        let hardened = try await Self.outcomes(SSRFCheck.init, ToolsAPI.router(.hardened))
        let judged = hardened.filter { $0.location.discriminator != nil }
        #expect(judged.count == 4 && judged.allSatisfy { $0.status == .passed }, "\(judged.map(\.detail))")
        let unheard = try await Self.outcomes(SSRFCheck.init, ToolsAPI.router(.flawed), listening: false)
        let untested = unheard.filter { $0.location.path == "/avatars" }
        #expect(untested.count == 2 && untested.allSatisfy { $0.status == .inconclusive })
        #expect(untested[0].detail.contains("no callback listener"))
    }

    @Test("a shell command appended to the ping host fetches the listener, in every form")
    func commandFlawed() async throws {
        let outcomes = try await Self.outcomes(CommandInjectionCheck.init, ToolsAPI.router(.flawed))
        #expect(Self.failed(outcomes) == ["injection.os-command GET /diagnostics/ping [query host]"])
        let ping = try #require(outcomes.first { $0.status == .failed })
        #expect(ping.detail.contains("form ; | && $() `"), "\(ping.detail)")
    }

    @Test("without a listener, a 3-second sleep against the usual value and sleep 0 proves it, measured three times")
    func commandByTime() async throws {
        let outcomes = try await Self.outcomes(CommandInjectionCheck.init, ToolsAPI.router(.flawed), listening: false)
        #expect(
            Self.failed(outcomes) == ["injection.os-command GET /diagnostics/ping [query host]"],
            "\(outcomes.map(\.detail))")
        let ping = try #require(outcomes.first { $0.status == .failed })
        #expect(ping.detail.contains("`sleep 3` after the value (form ;) delayed every answer"), "\(ping.detail)")
    }

    @Test("the hardened twin runs no shell: every text parameter passes, with and without a listener")
    func commandHardened() async throws {
        for listening in [true, false] {
            let outcomes = try await Self.outcomes(
                CommandInjectionCheck.init, ToolsAPI.router(.hardened), listening: listening)
            let judged = outcomes.filter { $0.location.discriminator != nil }
            #expect(
                judged.map { Self.label($0.location) } == [
                    "GET /diagnostics/ping [query host]", "POST /newsletter [body email]",
                ]
                    && judged.allSatisfy { $0.status == .passed }, "\(judged.map(\.detail))")
        }
    }

    @Test("an email pattern that backtracks stalls the flawed face every time; the hardened one never")
    func regex() async throws {
        let flawed = try await Self.outcomes(RegexDoSCheck.init, ToolsAPI.router(.flawed), listening: false)
        #expect(
            Self.failed(flawed) == ["dos.regex-backtracking POST /newsletter [body email]"],
            "\(flawed.filter { $0.location.discriminator != nil }.map(\.detail))")
        let hardened = try await Self.outcomes(RegexDoSCheck.init, ToolsAPI.router(.hardened), listening: false)
        let email = try #require(hardened.first { $0.location.discriminator == "body email" })
        #expect(email.status == .passed && email.detail.contains("no slowdown"), "\(email.detail)")
    }

    @Test("a catch-all page, and a server that echoes the request, give no finding")
    func catchAllAndEcho() async throws {
        let page = CheckHarness.catchAll("<!doctype html><title>Tools</title>", mediaType: "text/html")
        let echo = Router()
        for method in [HTTPRequest.Method.get, .post] {
            echo.on("**", method: method) { request, _ in
                let body = try await request.body.collect(upTo: 65_536)
                return Response(
                    status: .ok, headers: [.contentType: "text/plain"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: "\(request.uri) \(String(buffer: body))")))
            }
        }
        for router in [page, echo] {
            var outcomes = try await Self.outcomes(SSRFCheck.init, router)
            outcomes += try await Self.outcomes(CommandInjectionCheck.init, router)
            outcomes += try await Self.outcomes(RegexDoSCheck.init, router, listening: false)
            #expect(outcomes.failures.isEmpty && outcomes.contains { $0.status == .passed }, "\(outcomes.failures)")
        }
    }
}

@Suite("Judging out-of-band and timed evidence")
struct OutOfBandEvaluateTests {
    @Test("a sleep counts only when each of three samples takes 3 s and outlasts the controls' median by 2 s")
    func sleepGap() {
        #expect(CommandInjectionCheck.sleepGap([3100, 3050, 3200], [5, 9, 7]) == 3043)
        #expect(CommandInjectionCheck.sleepGap([3100, 400, 3200], [5, 9, 7]) == nil, "one quick sample")
        #expect(CommandInjectionCheck.sleepGap([3100, 3050, 3200], [5, 1200, 1300]) == nil, "slow controls")
        #expect(CommandInjectionCheck.sleepGap([3100, 3050, 3200], [5, 2900, 7]) == 3043, "one stalled control")
        #expect(CommandInjectionCheck.sleepGap([2900, 2950, 2990], [5, 9, 7]) == nil, "shorter than the sleep")
        #expect(CommandInjectionCheck.sleepGap([3100], [5]) == nil, "unconfirmed")
    }

    @Test("slow is 750 ms and four times the controls' median; a confirming sample needs half the floor")
    func slow() {
        #expect(RegexDoSCheck.isSlow(800, beside: [3, 5]))
        #expect(!RegexDoSCheck.isSlow(700, beside: [3, 5]))
        #expect(!RegexDoSCheck.isSlow(900, beside: [300]), "under four times a slow server's control")
        #expect(RegexDoSCheck.isSlow(900, beside: [100, 2000, 150]), "one stalled control does not hide it")
        #expect(RegexDoSCheck.isSlow(400, beside: [3], confirming: true))
        #expect(RegexDoSCheck.pathological(3) == "aaa!")
    }

    @Test("answers that waited on a rate limit never count as slow, however long they took")
    func rateLimited() {
        func sample(_ length: Int, _ milliseconds: Int, limited: Bool = false) -> RegexDoSCheck.Sample {
            var sample = RegexDoSCheck.Sample(length: length, milliseconds: milliseconds, summary: "200 (2 bytes)")
            sample.limited = limited
            return sample
        }
        func outcome(limited: Bool) -> Outcome {
            let trial = RegexDoSCheck.Trial(
                operation: "POST /newsletter", parameter: "body email",
                controls: [sample(0, 5), sample(0, 6), sample(0, 5), sample(0, 6), sample(0, 5)],
                attempts: [sample(30, 4000, limited: limited), sample(30, 4100, limited: limited), sample(30, 3900)])
            return RegexDoSCheck(api: HandBuilt.emptyAPI)
                .evaluate(.init(origin: HandBuilt.origin, trials: [trial], untested: [:]))[0]
        }
        #expect(outcome(limited: false).status == .failed)
        #expect(outcome(limited: true).status == .passed)
    }

    @Test("a parameter is taken for a URL by format, name or usual value, never when numeric")
    func urlParameters() {
        func parameter(_ name: String, _ value: String, format: String? = nil, numeric: Bool = false)
            -> InjectedParameter
        {
            InjectedParameter(name: name, place: .query, value: .string(value), numeric: numeric, format: format)
        }
        #expect(parameter("target", "x", format: "uri").takesURL)
        #expect(parameter("image_url", "x").takesURL && parameter("webhook", "x").takesURL)
        #expect(parameter("source", "https://example.com/").takesURL)
        #expect(!parameter("imageCount", "3", numeric: true).takesURL && !parameter("q", "lamps").takesURL)
        #expect(parameter("email", "a@b.test").looksPatternValidated && !parameter("q", "lamps").looksPatternValidated)
    }
}
