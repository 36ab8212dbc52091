import Foundation
import ScantrailCore
import Synchronization
import Testing

/// Where the fake checks of one engine run write what they do, in order.
final class Timeline: Sendable {
    private let entries = Mutex<[String]>([])
    func note(_ entry: String) { entries.withLock { $0.append(entry) } }
    var all: [String] { entries.withLock { $0 } }
}

/// A check of `phase` that notes its start and end, `milliseconds` apart.
struct PhasedCheck: SecurityCheck {
    struct Evidence: Codable, Sendable {}

    static let rule = Rule(
        id: "fake.phased.rule", title: "Phased", severity: .low, description: "d", remediation: "r",
        mapping: ControlMapping(tsc: [.cc7_1], owasp: [], cwe: []))
    static let metadata = CheckMetadata(id: "fake.phased", title: "Phased", rules: [rule])

    let name: String
    let milliseconds: Int
    let timeline: Timeline

    func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence {
        timeline.note("\(name) start")
        try await Task.sleep(for: .milliseconds(milliseconds))
        timeline.note("\(name) end")
        return Evidence()
    }

    func evaluate(_ evidence: Evidence) -> [Outcome] { [] }
}

/// ``PhasedCheck`` in the disruptive phase, under ids of its own.
struct DisruptiveCheck<Tag: FakeTag>: SecurityCheck {
    static var metadata: CheckMetadata {
        let rule = Rule(
            id: "\(Tag.id).disruptive.rule", title: "Disruptive", severity: .low, description: "d", remediation: "r",
            mapping: ControlMapping(tsc: [.cc7_1], owasp: [], cwe: []))
        return CheckMetadata(id: "\(Tag.id).disruptive", title: "Disruptive", rules: [rule], phase: .disruptive)
    }

    let inner: PhasedCheck

    func collect(_ target: ScanTarget, context: ScanContext) async throws -> PhasedCheck.Evidence {
        try await inner.collect(target, context: context)
    }

    func evaluate(_ evidence: PhasedCheck.Evidence) -> [Outcome] { [] }
}

@Suite("Check phases: disruptive checks run after every probe, one at a time, in the order listed")
struct CheckPhaseTests {
    @Test("listed first, the disruptive checks wait for the probe, then run one after the other")
    func ordered() async throws {
        let timeline = Timeline()
        var limits = ScanLimits()
        limits.maxConcurrentChecks = 4
        _ = try await ScanEngine(
            checks: [
                DisruptiveCheck<TagA>(inner: PhasedCheck(name: "burst", milliseconds: 20, timeline: timeline)),
                DisruptiveCheck<TagB>(inner: PhasedCheck(name: "logout", milliseconds: 5, timeline: timeline)),
                PhasedCheck(name: "probe", milliseconds: 40, timeline: timeline),
            ],
            configuration: ScanConfiguration(limits: limits), http: StaticProbe(),
            redactor: EvidenceRedactor(shapes: [])
        ).run(ScanTarget(scheme: "http", host: "127.0.0.1", port: 1))
        #expect(timeline.all == ["probe start", "probe end", "burst start", "burst end", "logout start", "logout end"])
    }

    @Test("phases are ordered probe, disruptive, review")
    func order() {
        #expect(CheckPhase.allCases.sorted() == [.probe, .disruptive, .review])
    }
}
