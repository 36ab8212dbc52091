import Foundation
import ScantrailCore

/// Names a fake check type, so several can run in one scan.
protocol FakeTag: Sendable {
    static var id: String { get }
}

enum TagA: FakeTag { static let id = "fake.a" }
enum TagB: FakeTag { static let id = "fake.b" }
enum TagC: FakeTag { static let id = "fake.c" }
enum TagD: FakeTag { static let id = "fake.d" }
enum TagE: FakeTag { static let id = "fake.e" }
enum TagF: FakeTag { static let id = "fake.f" }

/// Counts how many fake checks run at once.
actor ConcurrencyTracker {
    private(set) var current = 0
    private(set) var highest = 0

    func enter() {
        current += 1
        highest = max(highest, current)
    }

    func leave() {
        current -= 1
    }

    /// Returns once `count` checks have been in at the same time, or after `limit` (so that a
    /// scheduler that never lets them overlap fails the test instead of hanging it).
    func waitUntilReached(_ count: Int, within limit: Duration = .seconds(10)) async {
        let deadline = ContinuousClock.now + limit
        while highest < count, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
    }
}

/// A check that does what a test tells it to: pass, sleep, throw, report a rule it never
/// declared, or echo what the probe recorded.
struct FakeCheck<Tag: FakeTag>: SecurityCheck {
    enum Behaviour: Sendable {
        case pass
        case sleep(Duration)
        /// Stays in until `count` checks have been in at once.
        case gather(Int)
        case fail(any Error)
        case reportUndeclaredRule
        case echoAuthorization
    }

    struct Evidence: Codable, Sendable {
        let note: String
        let exchange: HTTPExchange?
    }

    let behaviour: Behaviour
    var tracker: ConcurrencyTracker?

    init(_ behaviour: Behaviour, tracker: ConcurrencyTracker? = nil) {
        self.behaviour = behaviour
        self.tracker = tracker
    }

    static var rule: Rule {
        Rule(
            id: "\(Tag.id).rule", title: "Fake rule of \(Tag.id)", severity: .medium, description: "A test rule.",
            remediation: "Nothing.", mapping: ControlMapping(tsc: [.cc7_1], owasp: [], cwe: [])
        )
    }

    static var metadata: CheckMetadata {
        CheckMetadata(id: Tag.id, title: "Fake \(Tag.id)", rules: [rule])
    }

    func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence {
        await tracker?.enter()
        do {
            let evidence = try await perform(on: target, context: context)
            // Left before the engine hears the check is done, so the next one cannot overlap it.
            await tracker?.leave()
            return evidence
        } catch {
            await tracker?.leave()
            throw error
        }
    }

    private func perform(on target: ScanTarget, context: ScanContext) async throws -> Evidence {
        switch behaviour {
        case .pass, .reportUndeclaredRule:
            try await Task.sleep(for: .milliseconds(20))
            return Evidence(note: "ok", exchange: nil)
        case .sleep(let duration):
            try await Task.sleep(for: duration)
            return Evidence(note: "slept", exchange: nil)
        case .gather(let count):
            await tracker?.waitUntilReached(count)
            return Evidence(note: "gathered", exchange: nil)
        case .fail(let error):
            throw error
        case .echoAuthorization:
            let request = ProbeRequest(
                url: target.url, headers: [HeaderField(name: "Authorization", value: "Bearer s3cr3t")])
            return Evidence(note: "echo", exchange: try await context.http.send(request))
        }
    }

    func evaluate(_ evidence: Evidence) -> [Outcome] {
        let location = Location(origin: "http://127.0.0.1:1", method: "GET", path: "/")
        switch behaviour {
        case .reportUndeclaredRule:
            return [Outcome(ruleID: "not.declared", status: .failed, location: location, detail: "stray")]
        case .echoAuthorization:
            let seen = evidence.exchange?.request.headers.first("Authorization") ?? "none"
            return [.failed(Self.rule, at: location, seen)]
        default:
            return [.passed(Self.rule, at: location, evidence.note)]
        }
    }
}

/// Answers every request with 200 (or a fixed failure), recording nothing on the wire: the
/// engine tests are about scheduling, not HTTP.
struct StaticProbe: HTTPProbing {
    var failure: ProbeFailure?

    func send(_ request: ProbeRequest) async throws -> HTTPExchange {
        let response = HTTPExchange.Response(
            status: 200, headers: [], body: Data(), bodyLength: 0, bodyTruncated: false)
        return HTTPExchange(
            request: .init(method: request.method, url: request.url, headers: request.headers),
            response: failure == nil ? response : nil, failure: failure, durationMilliseconds: 0, requestsSent: 1
        )
    }
}

struct PlannedError: Error, CustomStringConvertible {
    var description: String { "planned failure" }
}
