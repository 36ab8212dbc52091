// Path-probe throughput: runs the exposure check's collection (the scan's shared HTTP client,
// per-host cap, soft-404 baseline) over a wordlist against one local server, and prints the
// request count and wall time. Run by Benchmarks/paths.sh beside ffuf and gobuster.
import Foundation
import ScantrailChecks
import ScantrailCore
import ScantrailHTTP

let arguments = CommandLine.arguments
guard arguments.count == 4, let target = try? ScanTarget(parsing: arguments[1]), let concurrency = Int(arguments[3])
else {
    print("usage: path-benchmark BASE_URL WORDLIST CONCURRENCY")
    exit(2)
}
let words = try String(contentsOfFile: arguments[2], encoding: .utf8).split(separator: "\n").map(String.init)
let probes = words.map { word in
    ExposureProbe(
        path: "/" + word, kind: .configurationFile, signatures: ["scantrail-never-matches"], magic: [], isHTML: false)
}
var limits = ScanLimits()
limits.maxConnectionsPerHost = concurrency
limits.requestBudget = words.count * 3 + 100
let configuration = ScanConfiguration(limits: limits)
let clock = ContinuousClock()
let started = clock.now
let evidence = try await HTTPClientProbe.withProbe(configuration: configuration) { probe in
    let context = ScanContext(
        http: probe, configuration: configuration,
        softNotFound: SoftNotFoundBaseline(http: probe, origin: target.origin),
        logger: .init(label: "bench"))
    return try await ExposureCheck(probes: probes).collect(target, context: context)
}
let elapsed = clock.now - started
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let answered = evidence.observations.filter { $0.status != nil }.count
print("\(answered) \(String(format: "%.3f", seconds))")
