import Foundation
import Hummingbird
import ScantrailApp
import ScantrailCore
import ScantrailDemo
import ScantrailMonitor
import ScantrailStore
import ScantrailTestSupport
import Testing

/// The two trackers, each behind its faithful local server, seen the same way by the tests.
enum TrackerKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case github
    case jira

    var testDescription: String { rawValue }

    /// A ticket as the tests look at it in either tracker.
    struct Seen: Equatable {
        let key: String
        let isOpen: Bool
        let closedAs: String?
        let comments: [String]
        let labels: [String]
    }

    /// A running fake tracker as the tests drive it.
    struct Fake: Sendable {
        /// The config file's `tickets:` section pointing at it.
        let yaml: String
        /// Its tickets now.
        let seen: @Sendable () -> [Seen]
        /// Someone closes a ticket in the tracker's interface.
        let closeByHand: @Sendable (String) -> Void
        /// The next N requests are rate-limited, asking to wait S seconds.
        let rateLimit: @Sendable (Int, Int) -> Void
    }

    /// Runs `body` with a fresh server of this tracker.
    func withServer(_ body: (Fake) async throws -> Void) async throws {
        switch self {
        case .github:
            let github = FakeGitHub()
            try await LocalHTTPServer.withRunning(github.router()) { port in
                try await body(
                    Fake(
                        yaml: """
                            tickets:
                              github: {repository: acme/api, token: "${TRACKER_TOKEN}", apiURL: "http://127.0.0.1:\(port)"}
                            """,
                        seen: {
                            github.issues.map {
                                Seen(
                                    key: "\($0.number)", isOpen: $0.state == "open", closedAs: $0.stateReason,
                                    comments: $0.comments, labels: $0.labels)
                            }
                        }, closeByHand: { github.closeByHand(Int($0)!) },
                        rateLimit: { github.rateLimit(next: $0, retryAfter: $1) }))
            }
        case .jira:
            let jira = FakeJira()
            try await LocalHTTPServer.withRunning(jira.router()) { port in
                try await body(
                    Fake(
                        yaml: """
                            tickets:
                              jira: {url: "http://127.0.0.1:\(port)", email: secops@acme.example, token: "${TRACKER_TOKEN}", project: SEC}
                            """,
                        seen: {
                            jira.issues.map {
                                Seen(
                                    key: $0.key, isOpen: !$0.done, closedAs: nil, comments: $0.comments,
                                    labels: $0.labels)
                            }
                        }, closeByHand: { jira.closeByHand($0) },
                        rateLimit: { jira.rateLimit(next: $0, retryAfter: $1) }))
            }
        }
    }

    /// Runs `body` with a fresh server of this tracker and a fresh store.
    func withServerAndStore(_ body: (Fake, EvidenceStore) async throws -> Void) async throws {
        try await withServer { fake in
            try await TargetMonitoringTests.withSettings { settings in
                try await settings.withStore { try await body(fake, $0) }
            }
        }
    }

    var token: String { self == .github ? "ghp_test-token" : "jira-api-token" }
}

@Suite("Remediation tickets: one per finding, closed with the proof of fix, reopened, never duplicated")
struct TicketSyncTests {
    static let high = ScanFactory.high
    static let low = ScanFactory.low

    /// A sync configured by `yaml`, its token from the environment.
    static func sync(_ yaml: String, tracker: TrackerKind, token: String? = nil) throws -> TicketSync {
        let configuration = try AppConfiguration(yaml: yaml, path: "t.yaml")
        return try #require(
            try TicketSync(configuration: configuration, environment: ["TRACKER_TOKEN": token ?? tracker.token]))
    }

    static func record(_ observed: [ScanFactory.Observed], in store: EvidenceStore) async throws {
        try await store.record(ScanFactory.result(at: Date(), observed))
    }

    @Test(
        "a finding's ticket is made once, closed as fixed with the proof, reopened, closed as not planned",
        arguments: TrackerKind.allCases)
    func lifecycle(tracker: TrackerKind) async throws {
        try await tracker.withServerAndStore { fake, store in
            let sync = try Self.sync(fake.yaml, tracker: tracker)
            try await Self.record([.failed(Self.high, "/a"), .failed(Self.low, "/b")], in: store)
            let first = try await sync.run(in: store)
            #expect(first.stopped == nil && first.actions.count == 1, "\(first.actions)")
            #expect(first.actions.first?.hasPrefix("created \(tracker.rawValue) ") == true)
            #expect(fake.seen().count == 1 && fake.seen().first?.isOpen == true)
            #expect(fake.seen().first?.labels.contains("scantrail") == true)
            #expect(try await sync.run(in: store).actions.isEmpty)  // in step: nothing to do
            #expect(fake.seen().count == 1)

            try await Self.record([.passed(Self.high, "/a"), .failed(Self.low, "/b")], in: store)
            let fixed = try await sync.run(in: store)
            #expect(fixed.actions.first?.hasPrefix("closed as fixed") == true, "\(fixed.actions)")
            let scans = try await store.scans().map(\.id)
            let closed = try #require(fake.seen().first)
            #expect(!closed.isOpen && closed.closedAs == (tracker == .github ? "completed" : nil))
            let proof = try #require(closed.comments.last)
            #expect(proof.contains("Proof of fix") && proof.contains(scans[0]) && proof.contains(scans[1]))

            try await Self.record([.failed(Self.high, "/a")], in: store)
            #expect(try await sync.run(in: store).actions.first?.hasPrefix("reopened") == true)
            #expect(fake.seen().first?.isOpen == true && fake.seen().count == 1)

            let finding = ScanFactory.fingerprint(Self.high, "/a")
            try await store.accept(finding.rawValue, reason: "compensating WAF rule", expiresAt: nil)
            let accepted = try await sync.run(in: store)
            #expect(accepted.actions.first?.hasPrefix("closed as not planned") == true, "\(accepted.actions)")
            #expect(fake.seen().first?.closedAs == (tracker == .github ? "not_planned" : nil))
            #expect(fake.seen().first?.comments.last?.contains("compensating WAF rule") == true)

            let history = try await store.finding(finding.rawValue)
            #expect(history.ticket?.state == .closed && history.ticket?.closedAs == .notPlanned)
            let actions = history.entries.map(\.action).filter { $0.hasPrefix("ticket.") }
            #expect(actions == ["ticket.created", "ticket.closed", "ticket.reopened", "ticket.closed"])
            #expect(try await store.verifyAudit().isIntact)
        }
    }

    @Test(
        "a ticket closed by hand while its finding is open is reported, then reopened when so configured",
        arguments: TrackerKind.allCases)
    func closedByHand(tracker: TrackerKind) async throws {
        try await tracker.withServerAndStore { fake, store in
            try await Self.record([.failed(Self.high, "/a")], in: store)
            let sync = try Self.sync(fake.yaml, tracker: tracker)
            _ = try await sync.run(in: store)
            let key = try #require(fake.seen().first?.key)
            fake.closeByHand(key)
            let reported = try await sync.run(in: store)
            #expect(reported.actions.first?.hasPrefix("closed by hand while open (reported)") == true)
            #expect(try await sync.run(in: store).actions.isEmpty)  // reported once, not fought over
            #expect(fake.seen().first?.isOpen == false)

            let reopening = try Self.sync(fake.yaml + "\n  reopenClosedByHand: true", tracker: tracker)
            try await Self.record([.failed(Self.high, "/c")], in: store)
            _ = try await reopening.run(in: store)
            let second = try #require(fake.seen().last?.key)
            fake.closeByHand(second)
            let reopened = try await reopening.run(in: store)
            #expect(
                reopened.actions
                    == reopened.actions.filter { $0.hasPrefix("closed by hand while open, reopened") })
            #expect(fake.seen().last?.isOpen == true && fake.seen().last?.comments.last?.contains("still open") == true)
        }
    }

    @Test(
        "a store that lost its tickets finds them again by fingerprint instead of making duplicates",
        arguments: TrackerKind.allCases)
    func foundAgain(tracker: TrackerKind) async throws {
        try await tracker.withServer { fake in
            let sync = try Self.sync(fake.yaml, tracker: tracker)
            // Three findings: more than one page of Jira's search (two per page here).
            let observed: [ScanFactory.Observed] = [
                .failed(Self.high, "/a"), .failed(Self.high, "/b"), .failed(Self.high, "/c"),
            ]
            try await TargetMonitoringTests.withSettings { settings in
                try await settings.withStore { store in
                    try await Self.record(observed, in: store)
                    _ = try await sync.run(in: store)
                }
            }
            #expect(fake.seen().count == 3)
            fake.closeByHand(fake.seen()[0].key)
            try await TargetMonitoringTests.withSettings { settings in
                try await settings.withStore { store in
                    try await Self.record(observed, in: store)
                    let again = try await sync.run(in: store)
                    #expect(again.actions.filter { $0.hasPrefix("linked") }.count == 3, "\(again.actions)")
                    #expect(again.actions.contains { $0.hasPrefix("linked and reopened") })
                    #expect(try await store.tickets().count == 3)
                }
            }
            #expect(fake.seen().count == 3 && fake.seen().allSatisfy(\.isOpen))
        }
    }

    @Test(
        "a short rate limit is waited out; a long one ends the sync, and the next one finishes the work",
        arguments: TrackerKind.allCases)
    func rateLimits(tracker: TrackerKind) async throws {
        try await tracker.withServerAndStore { fake, store in
            let sync = try Self.sync(fake.yaml, tracker: tracker)
            try await Self.record([.failed(Self.high, "/a")], in: store)
            fake.rateLimit(1, 1)
            #expect(try await sync.run(in: store).actions.count == 1)

            try await Self.record([.failed(Self.high, "/a"), .failed(Self.high, "/b")], in: store)
            fake.rateLimit(5, 3_600)
            let stopped = try await sync.run(in: store)
            #expect(stopped.actions.isEmpty && stopped.stopped?.contains("rate limit: retry in 3600 s") == true)
            fake.rateLimit(0, 1)
            #expect(try await sync.run(in: store).actions.count == 1)
            #expect(fake.seen().count == 2)
        }
    }

    @Test("a refused token stops the sync with a message that does not quote it", arguments: TrackerKind.allCases)
    func refusedToken(tracker: TrackerKind) async throws {
        try await tracker.withServerAndStore { fake, store in
            try await Self.record([.failed(Self.high, "/a")], in: store)
            let report = try await Self.sync(fake.yaml, tracker: tracker, token: "wrong-secret").run(in: store)
            #expect(report.stopped?.contains("refused the token") == true, "\(report.stopped ?? "")")
            #expect(report.stopped?.contains("wrong-secret") == false)
            #expect(fake.seen().isEmpty)
        }
    }
}
