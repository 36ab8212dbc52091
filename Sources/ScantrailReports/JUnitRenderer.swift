import Foundation
import ScantrailCore

/// Writes a scan as JUnit XML: one test suite per check, one test case per rule and location
/// (`classname` the check, `name` the rule and place), a `failure` for each finding, `skipped`
/// with the reason for what could not be judged or did not apply, and passes as passed cases —
/// what CI test views and auditors both want: what was tested, not only what failed.
public struct JUnitRenderer: Sendable {
    /// Creates the renderer.
    public init() {}

    /// The JUnit XML document.
    public func render(_ input: ReportInput) -> String {
        let result = input.result
        let judgements = Dictionary(grouping: result.judgements, by: \.checkID)
        let findings = Dictionary(
            result.findings.map { ("\($0.checkID) \($0.ruleID) \($0.location.display)", $0) },
            uniquingKeysWith: { first, _ in first })
        var suites: [String] = []
        var totals = (tests: 0, failures: 0, skipped: 0)
        for run in result.checks {
            let outcomes = judgements[run.checkID]?.map(\.outcome) ?? []
            let failures = outcomes.count { $0.status == .failed }
            let skipped = outcomes.count { $0.status == .inconclusive || $0.status == .notApplicable }
            totals = (totals.tests + outcomes.count, totals.failures + failures, totals.skipped + skipped)
            let cases = outcomes.map { outcome in
                testCase(
                    outcome, checkID: run.checkID,
                    finding: findings["\(run.checkID) \(outcome.ruleID) \(outcome.location.display)"])
            }
            suites.append(
                """
                  <testsuite name="\(XMLText.escape(run.checkID))" tests="\(outcomes.count)" failures="\(failures)" \
                errors="0" skipped="\(skipped)" time="\(Self.seconds(run.durationMilliseconds))" \
                timestamp="\(Self.timestamp(run.startedAt))">
                \(cases.joined(separator: "\n"))
                  </testsuite>
                """)
        }
        let name = "Scantrail scan of \(result.targetURL)"
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="\(XMLText.escape(name))" tests="\(totals.tests)" failures="\(totals.failures)" \
            errors="0" skipped="\(totals.skipped)" time="\(String(format: "%.3f", result.durationSeconds))" \
            timestamp="\(Self.timestamp(result.startedAt))">
            \(suites.joined(separator: "\n"))
            </testsuites>

            """
    }

    private func testCase(_ outcome: Outcome, checkID: String, finding: Finding?) -> String {
        let head =
            #"    <testcase classname="\#(XMLText.escape(checkID))" name="\#(XMLText.escape("\(outcome.ruleID) at \(outcome.location.display)"))" time="0""#
        switch outcome.status {
        case .passed:
            return head + ">\n      <system-out>\(XMLText.escape(outcome.detail))</system-out>\n    </testcase>"
        case .failed:
            let title = finding.map { "\($0.severity.rawValue): \($0.title)" } ?? outcome.ruleID
            var body = outcome.detail
            if let finding {
                body += "\nfix: \(finding.remediation)\nfingerprint: \(finding.fingerprint.rawValue)"
            }
            return head
                + ">\n      <failure message=\"\(XMLText.escape(title))\" type=\"\(finding?.severity.rawValue ?? "finding")\">"
                + "\(XMLText.escape(body))</failure>\n    </testcase>"
        case .notApplicable:
            return head
                + ">\n      <skipped message=\"\(XMLText.escape("not applicable: \(outcome.detail)"))\"/>\n    </testcase>"
        case .inconclusive:
            return head
                + ">\n      <skipped message=\"\(XMLText.escape("inconclusive: \(outcome.detail)"))\"/>\n    </testcase>"
        }
    }

    private static func seconds(_ milliseconds: Int) -> String {
        String(format: "%.3f", Double(milliseconds) / 1000)
    }

    /// ISO 8601 without a zone designator, as the JUnit schema's `timestamp` wants (UTC).
    private static func timestamp(_ date: Date) -> String {
        String(date.formatted(.iso8601).dropLast())
    }
}

/// Text made safe for XML 1.0 content and attributes (JUnit, HTML): markup characters escaped,
/// control characters shown as visible escapes (``DisplayText``), the two non-characters XML
/// cannot carry dropped.
enum XMLText {
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in DisplayText.escaped(text, keepingLayout: true).unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\u{FFFE}", "\u{FFFF}": continue
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
