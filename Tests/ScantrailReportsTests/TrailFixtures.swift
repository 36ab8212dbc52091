import Foundation
import ScantrailCore

@testable import ScantrailStore

/// Tracked findings built by hand, for views of the trail over time.
enum TrailFixtures {
    /// A high finding first seen at `start` with a 10-day deadline, fixed on day 30; and a low one
    /// first seen at `start`, due on day 180, still open.
    static func findings(start: Date) throws -> [TrackedFinding] {
        let day = 86_400.0
        func finding(_ rule: Rule, path: String, due: Double, fixed: Double?) -> TrackedFinding {
            let location = Location(origin: "http://127.0.0.1:8080", method: "GET", path: path)
            return TrackedFinding(
                fingerprint: Fingerprint(ruleID: rule.id, location: location), target: "http://127.0.0.1:8080/",
                ruleID: rule.id, checkID: "c", severity: rule.severity, title: rule.title, location: location,
                status: fixed == nil ? .open : .fixed, firstScanID: "scan-1", firstSeenAt: start, lastScanID: "scan-1",
                lastSeenAt: start, lastEvidenceSHA256: "", lastDetail: "d", dueAt: start.addingTimeInterval(due * day),
                fixedScanID: fixed.map { _ in "scan-3" }, fixedAt: fixed.map { start.addingTimeInterval($0 * day) },
                reopenCount: 0, acceptance: nil)
        }
        return [
            finding(SampleResult.cleartext, path: "/", due: 10, fixed: 30),
            finding(SampleResult.banner, path: "/b", due: 180, fixed: nil),
        ]
    }
}
