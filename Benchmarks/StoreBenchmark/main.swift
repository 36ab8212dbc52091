// Measures the evidence store on one backend: recording a scan with 10,000 findings, then,
// with 1,000,000 findings stored, listing open overdue findings, the dashboard's reads (a page
// of findings, the counts, a target's history) and verifying the audit chain. Run by Benchmarks/store.sh for both backends.
import Foundation
import ScantrailApp
import ScantrailCore
import ScantrailStore

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    print("usage: store-benchmark sqlite PATH | postgres URL [TOTAL_FINDINGS]")
    exit(2)
}
let location: StoreLocation = arguments[1] == "postgres" ? .postgres(url: arguments[2]) : .sqlite(path: arguments[2])
let total = arguments.count > 3 ? Int(arguments[3]) ?? 1_000_000 : 1_000_000
let perScan = 10_000
let target = ScanTarget(scheme: "https", host: "api.example.com", port: 443)

/// A quarter of each severity; deadlines of 7, 30, 90 and 180 days.
let rules: [Rule] = [Severity.critical, .high, .medium, .low].map { severity in
    Rule(
        id: "bench.\(severity.rawValue)", title: "Benchmark \(severity.rawValue)", severity: severity, description: "d",
        remediation: "r", mapping: ControlMapping(tsc: [.cc7_1], owasp: [.api8], cwe: [CWE(1)]))
}
let catalogue = RuleCatalogue(rules: rules)

/// A scan failing `perScan` rules at paths `/items/{batch}-{i}`.
func scan(batch: Int, at date: Date) -> ScanResult {
    let outcomes = (0..<perScan).map { index in
        Outcome(
            ruleID: rules[index % 4].id, status: .failed, location: target.location(path: "/items/\(batch)-\(index)"),
            detail: "seen \(index)")
    }
    let run = CheckRun(
        checkID: "bench.check", title: "Benchmark", status: .completed, startedAt: date, durationMilliseconds: 1,
        requestsSent: perScan, outcomes: outcomes, evidence: .object(["batch": .number(Double(batch))]), reason: nil)
    return ScanResult(
        scanner: .current, catalogue: catalogue, configuration: ScanConfiguration(), target: target, startedAt: date,
        finishedAt: date, completion: .complete, requestsSent: perScan, checks: [run])
}

@MainActor
func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    try await body()
    let elapsed = clock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// The median of five runs of `body`, in milliseconds.
@MainActor
func median(_ body: () async throws -> Void) async rethrows -> String {
    var times: [Double] = []
    for _ in 0..<5 { times.append(try await seconds(body)) }
    return String(format: "%.1f ms", times.sorted()[2] * 1000)
}

let start = Date(timeIntervalSince1970: 1_790_000_000)
try await EvidenceStore.withStore(at: location, actor: "benchmark", now: { start }) { store in
    var results: [(String, String)] = []
    let first = scan(batch: 0, at: start)
    results.append(
        (
            "record a scan with 10,000 new findings",
            String(format: "%.2f s", try await seconds { try await store.record(first) })
        ))
    results.append(
        (
            "record it again (10,000 findings seen before)",
            String(format: "%.2f s", try await seconds { try await store.record(first) })
        ))
    let fill = try await seconds {
        for batch in 1..<(total / perScan) {
            try await store.record(scan(batch: batch, at: start))
        }
    }
    results.append(("fill to \(total) findings (\(total / perScan - 1) more scans)", String(format: "%.1f s", fill)))
    var overdueCount = 0
    let overdue = try await seconds {
        overdueCount = try await store.findings(overdueAt: start.addingTimeInterval(45 * 86_400)).count
    }
    results.append(("list open overdue findings (\(overdueCount) of \(total))", String(format: "%.2f s", overdue)))
    // The dashboard's reads, each the median of 5 runs.
    var pageSize = 0
    let firstPage = try await median { pageSize = try await store.findings(FindingFilter(), limit: 50).findings.count }
    results.append(("dashboard: first page of open findings by due date (\(pageSize))", firstPage))
    var cursor: FindingCursor?
    for _ in 0..<20 { cursor = try await store.findings(FindingFilter(), after: cursor, limit: 50).next }
    let deepPage = try await median { _ = try await store.findings(FindingFilter(), after: cursor, limit: 50) }
    results.append(("dashboard: the 21st page of open findings", deepPage))
    let lowPage = try await median {
        _ = try await store.findings(FindingFilter(target: target.url, severity: .low), limit: 50)
    }
    results.append(("dashboard: first page of a target's low findings", lowPage))
    let counts = try await median { _ = try await store.findingCounts() }
    results.append(("dashboard: counts by severity and status", counts))
    var historyScans = 0
    let history = try await median {
        historyScans = try await store.recentScans(target: target.url, limit: 50).count
        _ = try await store.findingCounts(target: target.url)
    }
    results.append(("dashboard: target history (\(historyScans) newest scans + counts)", history))
    let overview = try await median { _ = try await Dashboard.load(from: store, now: start) }
    results.append(("dashboard: the whole overview page's reads (Dashboard.load)", overview))
    let verify = try await seconds { _ = try await store.verifyAudit() }
    results.append(
        ("verify the audit chain (\(total + total / perScan + 1) entries)", String(format: "%.1f s", verify)))
    for (label, value) in results {
        print("| \(arguments[1]) | \(label) | \(value) |")
    }
}
