import Foundation
import ScantrailCore

/// Builds scan results by hand: which rule at which path passed, failed or was inconclusive.
public enum ScanFactory {
    public static let high = Rule(
        id: "test.high", title: "A high problem", severity: .high, description: "d", remediation: "r",
        mapping: ControlMapping(tsc: [.cc6_1], owasp: [.api8], cwe: [CWE(1)]))
    public static let low = Rule(
        id: "test.low", title: "A low problem", severity: .low, description: "d", remediation: "r",
        mapping: ControlMapping(tsc: [.cc6_1], owasp: [.api8], cwe: [CWE(1)]))
    public static let info = Rule(
        id: "test.info", title: "A note", severity: .info, description: "d", remediation: "r",
        mapping: ControlMapping(tsc: [.cc6_1], owasp: [.api8], cwe: [CWE(1)]))
    public static let catalogue = RuleCatalogue(rules: [high, low, info])
    public static let target = ScanTarget(scheme: "https", host: "api.example.com", port: 443)

    /// One observation: the rule, the path (and discriminator, such as a cookie's name), the status.
    public struct Observed {
        public let rule: Rule
        public let path: String
        public let status: Outcome.Status
        public var discriminator: String?

        public static func failed(_ rule: Rule, _ path: String) -> Observed {
            Observed(rule: rule, path: path, status: .failed)
        }
        public static func passed(_ rule: Rule, _ path: String) -> Observed {
            Observed(rule: rule, path: path, status: .passed)
        }
        public static func inconclusive(_ rule: Rule, _ path: String) -> Observed {
            Observed(rule: rule, path: path, status: .inconclusive)
        }
        public static func notApplicable(_ rule: Rule, _ path: String) -> Observed {
            Observed(rule: rule, path: path, status: .notApplicable)
        }

        /// The same observation of the thing named `name` at the path.
        public func about(_ name: String) -> Observed {
            Observed(rule: rule, path: path, status: status, discriminator: name)
        }
    }

    /// A complete scan of `target` started at `at` that observed `observed`.
    public static func result(at: Date, target: ScanTarget = target, _ observed: [Observed]) -> ScanResult {
        let outcomes = observed.map { item in
            Outcome(
                ruleID: item.rule.id, status: item.status,
                location: target.location(path: item.path).with(discriminator: item.discriminator),
                detail: "\(item.path) \(item.status.rawValue)")
        }
        let evidence = JSONValue.object([
            "seen": .array(observed.map { .string("\($0.rule.id) \($0.path) \($0.status.rawValue)") })
        ])
        let run = CheckRun(
            checkID: "test.check", title: "Test check", status: .completed, startedAt: at, durationMilliseconds: 5,
            requestsSent: observed.count, outcomes: outcomes, evidence: evidence, reason: nil)
        return ScanResult(
            scanner: .current, catalogue: catalogue, configuration: ScanConfiguration(), target: target, startedAt: at,
            finishedAt: at.addingTimeInterval(1), completion: .complete, requestsSent: observed.count, checks: [run])
    }

    /// The fingerprint of `rule` at `path` (about `name`) on the default target.
    public static func fingerprint(_ rule: Rule, _ path: String, about name: String? = nil) -> Fingerprint {
        Fingerprint(ruleID: rule.id, location: target.location(path: path).with(discriminator: name))
    }
}
