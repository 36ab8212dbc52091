import Foundation
import ScantrailCore

/// A scan result with pinned clocks and hand-made outcomes, so renderings are byte-stable.
enum SampleResult {
    static let cleartext = Rule(
        id: "transport.cleartext-http", title: "API answers over cleartext HTTP", severity: .high,
        description: "Cleartext.", remediation: "Serve the API over HTTPS only. Close port 80.",
        mapping: ControlMapping(tsc: [.cc6_7, .cc6_1], owasp: [.api8], cwe: [CWE(319)])
    )
    static let banner = Rule(
        id: "headers.version-disclosure", title: "Response headers disclose software and version", severity: .low,
        description: "Banners.", remediation: "Remove version banners.",
        mapping: ControlMapping(tsc: [.cc6_6], owasp: [.api8], cwe: [CWE(200)])
    )
    static let hsts = Rule(
        id: "transport.hsts-missing", title: "Strict-Transport-Security is not set", severity: .medium,
        description: "HSTS.", remediation: "Send HSTS.",
        mapping: ControlMapping(tsc: [.cc6_7], owasp: [.api8], cwe: [CWE(319)])
    )

    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    static var result: ScanResult { result() }

    /// The sample scanned `days` after ``start``; with `cleartextFixed`, the cleartext rule passes.
    static func result(afterDays days: Double = 0, cleartextFixed: Bool = false) -> ScanResult {
        let target = ScanTarget(scheme: "http", host: "127.0.0.1", port: 8080)
        let start = start.addingTimeInterval(days * 86_400)
        let base = target.location()
        let transport = CheckRun(
            checkID: "transport.https", title: "HTTPS enforcement and HSTS", status: .completed, startedAt: start,
            durationMilliseconds: 12, requestsSent: 1,
            outcomes: [
                cleartextFixed
                    ? .passed(cleartext, at: base, "cleartext HTTP redirects to HTTPS")
                    : .failed(cleartext, at: base, "the API answers over cleartext HTTP with status 200"),
                .inconclusive(hsts, at: base, "no HTTPS response to inspect"),
            ],
            evidence: .object(["cleartextURL": .string("http://127.0.0.1:8080/")]), reason: nil
        )
        let banners = CheckRun(
            checkID: "headers.version-disclosure", title: "Software version disclosure", status: .completed,
            startedAt: start, durationMilliseconds: 3, requestsSent: 0,
            outcomes: [
                .failed(banner, at: base.with(discriminator: "Server"), "Server: nginx/1.18.0"),
                .passed(banner, at: base.with(discriminator: "X-Powered-By"), "X-Powered-By is absent"),
            ],
            evidence: nil, reason: nil
        )
        return ScanResult(
            scanner: ScannerInfo(name: "scantrail", version: "0.1.0"),
            catalogue: RuleCatalogue(rules: [cleartext, banner, hsts]),
            configuration: ScanConfiguration(headers: [HeaderField(name: "Authorization", value: "Bearer s3cr3t")]),
            target: target, startedAt: start, finishedAt: start.addingTimeInterval(0.25), completion: .complete,
            requestsSent: 2, checks: [transport, banners]
        )
    }
}
