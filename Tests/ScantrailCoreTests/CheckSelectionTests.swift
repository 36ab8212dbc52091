import Foundation
import ScantrailCore
import Testing

/// A check that sends requests, so only `--active` scans run it.
struct ActiveFake: SecurityCheck {
    struct Evidence: Codable, Sendable {}

    static let rule = Rule(
        id: "fake.active.rule", title: "Active fake", severity: .low, description: "d", remediation: "r",
        mapping: ControlMapping(tsc: [.cc7_1], owasp: [], cwe: []))
    static let metadata = CheckMetadata(id: "fake.active", title: "Active fake", rules: [rule], isActive: true)

    func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence { Evidence() }

    func evaluate(_ evidence: Evidence) -> [Outcome] {
        [.passed(Self.rule, at: Location(origin: "http://127.0.0.1:1", method: nil, path: "/"), "ran")]
    }
}

@Suite("Which checks a scan runs: the selection, and active checks only when asked")
struct CheckSelectionTests {
    let target = ScanTarget(scheme: "http", host: "127.0.0.1", port: 1)

    func checkIDs(_ configuration: ScanConfiguration) async throws -> [String] {
        let checks: [any SecurityCheck] = [FakeCheck<TagA>(.pass), FakeCheck<TagB>(.pass), ActiveFake()]
        let result = try await ScanEngine(
            checks: checks, configuration: configuration, http: StaticProbe(), redactor: EvidenceRedactor(shapes: [])
        ).run(target)
        return result.checks.map(\.checkID)
    }

    @Test("a passive scan leaves active checks out")
    func passive() async throws {
        #expect(try await checkIDs(ScanConfiguration()) == ["fake.a", "fake.b"])
    }

    @Test("an active scan runs them too")
    func active() async throws {
        #expect(try await checkIDs(ScanConfiguration(active: true)).sorted() == ["fake.a", "fake.active", "fake.b"])
    }

    @Test("a selection runs only the checks named, and still never an active one in a passive scan")
    func selection() async throws {
        #expect(try await checkIDs(ScanConfiguration(enabledChecks: ["fake.b", "fake.active"])) == ["fake.b"])
    }

    @Test("a selection that leaves nothing to run is refused before any request")
    func nothingSelected() async {
        await #expect(throws: ScanError.noChecks) {
            _ = try await checkIDs(ScanConfiguration(enabledChecks: ["fake.active"]))
        }
    }
}

/// A check that reads what the rest of the scan received, as the secrets check does.
struct ResponseReader: SecurityCheck {
    struct Evidence: Codable, Sendable {
        let urls: [String]
    }

    static let rule = Rule(
        id: "fake.reader.rule", title: "Reader", severity: .low, description: "d", remediation: "r",
        mapping: ControlMapping(tsc: [.cc7_1], owasp: [], cwe: []))
    static let metadata = CheckMetadata(id: "fake.reader", title: "Reader", rules: [rule], phase: .review)

    func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence {
        Evidence(urls: context.responses.entries.map(\.url))
    }

    func evaluate(_ evidence: Evidence) -> [Outcome] {
        [
            .passed(
                Self.rule, at: Location(origin: "http://127.0.0.1:1", method: nil, path: "/"),
                "\(evidence.urls.count) responses")
        ]
    }
}

/// A check that fetches a path no other part of the scan asks for.
struct PathFetcher: SecurityCheck {
    struct Evidence: Codable, Sendable {}

    static let rule = Rule(
        id: "fake.fetcher.rule", title: "Fetcher", severity: .low, description: "d", remediation: "r",
        mapping: ControlMapping(tsc: [.cc7_1], owasp: [], cwe: []))
    static let metadata = CheckMetadata(id: "fake.fetcher", title: "Fetcher", rules: [rule])
    static let path = "/only-the-fetcher-asks"

    func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence {
        try await Task.sleep(for: .milliseconds(20))
        _ = try await context.http.send(ProbeRequest(url: target.url(path: Self.path)))
        return Evidence()
    }

    func evaluate(_ evidence: Evidence) -> [Outcome] {
        [.passed(Self.rule, at: Location(origin: "http://127.0.0.1:1", method: nil, path: Self.path), "fetched")]
    }
}

@Suite("Checks that read the scan's other responses run after every other check")
struct ResponseReaderOrderTests {
    @Test("listed first, the reader still runs last and sees what the others received")
    func runsLast() async throws {
        let target = ScanTarget(scheme: "http", host: "127.0.0.1", port: 1)
        var limits = ScanLimits()
        limits.maxConcurrentChecks = 4
        let result = try await ScanEngine(
            checks: [ResponseReader(), PathFetcher(), FakeCheck<TagA>(.pass)],
            configuration: ScanConfiguration(limits: limits), http: StaticProbe(),
            redactor: EvidenceRedactor(shapes: [])
        ).run(target)
        let reader = try #require(result.checks.first { $0.checkID == "fake.reader" })
        let urls = reader.evidence?["urls"]?.array?.compactMap(\.text) ?? []
        #expect(urls.contains(target.url(path: PathFetcher.path)), "the reader ran before the fetcher: \(urls)")
        #expect(reader.outcomes.first?.status == .passed)
    }
}
