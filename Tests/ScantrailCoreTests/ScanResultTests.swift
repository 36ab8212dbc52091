import Foundation
import ScantrailCore
import Testing

@Suite("A scan result derives its findings and counts from the outcomes, nothing else")
struct ScanResultTests {
    static let target = ScanTarget(scheme: "https", host: "api.example.test", port: 443)
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    static func rule(_ id: String, _ severity: Severity) -> Rule {
        Rule(
            id: id, title: id, severity: severity, description: "d", remediation: "r",
            mapping: ControlMapping(tsc: [.cc6_1], owasp: [.api8], cwe: [CWE(16)]))
    }

    static let critical = rule("a.critical", .critical)
    static let low = rule("z.low", .low)
    static let medium = rule("m.medium", .medium)

    static func result(_ outcomes: [Outcome], catalogue: [Rule] = [critical, low, medium]) -> ScanResult {
        let run = CheckRun(
            checkID: "fake", title: "Fake", status: .completed, startedAt: start, durationMilliseconds: 1,
            requestsSent: 0, outcomes: outcomes, evidence: nil, reason: nil)
        return ScanResult(
            scanner: ScannerInfo(name: "scantrail", version: "test"), catalogue: RuleCatalogue(rules: catalogue),
            configuration: ScanConfiguration(), target: target, startedAt: start,
            finishedAt: start.addingTimeInterval(1.5), completion: .complete, requestsSent: 0, checks: [run])
    }

    static var here: Location { target.location() }

    @Test("each status is counted, and every severity appears in the breakdown, zeros included")
    func summary() {
        let result = Self.result([
            .failed(Self.low, at: Self.here, "x"), .passed(Self.medium, at: Self.here, "ok"),
            .notApplicable(Self.medium, at: Self.here.with(discriminator: "c"), "no cookie"),
            .inconclusive(Self.critical, at: Self.here, "timeout"),
        ])
        #expect(result.summary.passed == 1 && result.summary.failed == 1)
        #expect(result.summary.notApplicable == 1 && result.summary.inconclusive == 1)
        #expect(result.summary.findingsBySeverity == ["critical": 0, "high": 0, "medium": 0, "low": 1, "info": 0])
        #expect(result.durationSeconds == 1.5)
        #expect(result.schemaVersion == ScanResult.schemaVersion)
    }

    @Test("only failed outcomes become findings, most severe first, with their rule's text")
    func findings() {
        let result = Self.result([
            .failed(Self.low, at: Self.here, "low"), .failed(Self.critical, at: Self.here, "critical"),
            .failed(Self.medium, at: Self.here, "medium"), .inconclusive(Self.critical, at: Self.here, "t"),
        ])
        #expect(result.findings.map(\.severity) == [.critical, .medium, .low])
        #expect(result.findings.map(\.detail) == ["critical", "medium", "low"])
        #expect(result.findings[0].checkID == "fake" && result.findings[0].remediation == "r")
        #expect(result.highestSeverity == .critical)
    }

    @Test("findings of one severity are ordered by rule, then location")
    func stableOrder() {
        let result = Self.result([
            .failed(Self.low, at: Self.target.location(path: "/b"), "b"),
            .failed(Self.low, at: Self.target.location(path: "/a"), "a"),
        ])
        #expect(result.findings.map(\.detail) == ["a", "b"])
    }

    @Test("a clean scan has no highest severity")
    func clean() {
        #expect(Self.result([.passed(Self.low, at: Self.here, "ok")]).highestSeverity == nil)
    }

    @Test("an outcome whose rule the catalogue lacks becomes no finding")
    func unknownRule() {
        let result = Self.result([.failed(Self.low, at: Self.here, "x")], catalogue: [Self.critical])
        #expect(result.findings.isEmpty && result.summary.failed == 1)
    }

    @Test("a stopped scan says why, and the reason survives JSON")
    func completion() throws {
        let stopped = ScanResult.Completion.incomplete(.deadline)
        #expect(!stopped.isComplete && ScanResult.Completion.complete.isComplete)
        let back = try JSONDecoder().decode(ScanResult.Completion.self, from: try JSONEncoder().encode(stopped))
        #expect(back == stopped)
    }
}

@Suite("Catalogue, locations and mappings: the vocabulary of every report")
struct VocabularyTests {
    @Test("the catalogue is sorted by id, found by id, and its version changes with any rule's content")
    func catalogue() {
        let rules = [ScanResultTests.low, ScanResultTests.critical]
        let catalogue = RuleCatalogue(rules: rules)
        #expect(catalogue.rules.map(\.id) == ["a.critical", "z.low"])
        #expect(catalogue["z.low"]?.severity == .low && catalogue["nope"] == nil)
        #expect(catalogue.version.count == 12 && catalogue.version == RuleCatalogue(rules: rules.reversed()).version)
        let reworded = RuleCatalogue(rules: [ScanResultTests.critical, ScanResultTests.rule("z.low", .medium)])
        #expect(reworded.version != catalogue.version)
    }

    @Test("a location displays as method, URL and discriminator; without a method it is the URL")
    func location() {
        let location = Location(origin: "https://api.test:443", method: "GET", path: "/users")
        #expect(location.display == "GET https://api.test:443/users")
        #expect(location.with(discriminator: "session").display == "GET https://api.test:443/users [session]")
        #expect(Location(origin: "https://api.test:443", method: nil, path: "/").display == "https://api.test:443/")
        #expect(location.with(discriminator: "x").with(discriminator: nil) == location)
    }

    @Test("severities order from info to critical")
    func severities() {
        #expect(Severity.allCases.sorted() == [.info, .low, .medium, .high, .critical])
        #expect(Severity.high > .medium && !(Severity.low > .low))
    }

    @Test("CWE and criteria name themselves as auditors write them, and sort as numbers and text")
    func mappings() {
        #expect(CWE(639).description == "CWE-639")
        #expect(CWE(79).referenceURL == "https://cwe.mitre.org/data/definitions/79.html")
        #expect([CWE(862), CWE(79), CWE(200)].sorted() == [CWE(79), CWE(200), CWE(862)])
        #expect([TrustServicesCriterion.cc7_1, .cc6_6, .cc6_1].sorted() == [.cc6_1, .cc6_6, .cc7_1])
        #expect(TrustServicesCriterion.cc6_7.rawValue == "CC6.7")
    }

    @Test("failures say whether the target is out of reach, and describe themselves by code")
    func failures() {
        for code in [ProbeFailure.Code.connectionRefused, .hostNotFound, .connectTimeout] {
            let failure = ProbeFailure(code, "m")
            #expect(failure.isUnreachable && failure.leavesTargetOutOfReach)
        }
        for code in [ProbeFailure.Code.refused, .proxyFailure] {
            let failure = ProbeFailure(code, "m")
            #expect(!failure.isUnreachable && failure.leavesTargetOutOfReach)
        }
        for code in [ProbeFailure.Code.timeout, .connectionReset, .tlsFailure, .budgetExhausted] {
            #expect(!ProbeFailure(code, "m").leavesTargetOutOfReach, "\(code.rawValue)")
        }
        #expect(ProbeFailure(.timeout, "no answer in 10 s").description == "timeout: no answer in 10 s")
    }

    @Test("address literals are told from names")
    func hostNames() {
        #expect(HostName.isAddressLiteral("127.0.0.1") && HostName.isAddressLiteral("::1"))
        #expect(!HostName.isAddressLiteral("api.example.test") && !HostName.isAddressLiteral(""))
        #expect(!HostName.isAddressLiteral("1e100.net"))
    }

    @Test("bytes print as two lower-case hex digits each")
    func hex() {
        #expect([0x00, 0x0F, 0xA5, 0xFF].hexString == "000fa5ff")
        #expect([UInt8]().hexString == "")
    }
}

@Suite("JSON values keep any evidence exactly, integers as integers")
struct JSONValueTests {
    @Test("whole numbers encode without a fraction; others as they are")
    func numbers() throws {
        let text = String(
            decoding: try JSONEncoder().encode(JSONValue.array([.number(3), .number(2.5), .number(-0.0)])),
            as: UTF8.self)
        #expect(text == "[3,2.5,0]")
    }

    @Test("a decoded document re-encodes to the same value, nesting and nulls included")
    func roundTrip() throws {
        let data = Data(#"{"a":[1,true,null,"x",{"b":2.25}],"c":{}}"#.utf8)
        let value = try JSONDecoder().decode(JSONValue.self, from: data)
        #expect(value["a"]?.array?.count == 5 && value["c"] == .object([:]))
        #expect(try JSONDecoder().decode(JSONValue.self, from: try JSONEncoder().encode(value)) == value)
    }

    @Test("typed values go in and come back out")
    func typed() throws {
        struct Evidence: Codable, Equatable {
            let status: Int
            let headers: [String]
        }
        let evidence = Evidence(status: 200, headers: ["Server"])
        let value = try JSONValue(encoding: evidence)
        #expect(value["status"] == .number(200))
        #expect(try value.decode(Evidence.self) == evidence)
    }

    @Test("text reads strings, whole numbers, fractions and bools; not arrays or objects")
    func text() {
        #expect(JSONValue.string("a").text == "a" && JSONValue.number(42).text == "42")
        #expect(JSONValue.number(1.5).text == "1.5" && JSONValue.bool(true).text == "true")
        #expect(JSONValue.array([]).text == nil && JSONValue.null.text == nil)
        #expect(JSONValue.string("x")["k"] == nil && JSONValue.string("x").array == nil)
    }
}
