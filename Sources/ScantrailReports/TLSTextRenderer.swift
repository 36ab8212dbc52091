import Foundation
import ScantrailCore
import ScantrailTLS

/// Renders a TLS probe result for a terminal.
public struct TLSTextRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The report as text, one section per protocol version, then the chain and the grade.
    public func render(_ report: TLSProbeReport) -> String {
        let (result, assessment) = (report.result, report.assessment)
        var lines = ["TLS of \(result.target)" + (result.serverName.map { " (SNI \($0))" } ?? "")]
        if let reply = result.nonTLSReply {
            lines.append("This port does not speak TLS: \(reply)")
        }
        lines.append("")
        for support in result.protocols {
            lines.append("\(support.name.padding(toLength: 8, withPad: " ", startingAt: 0))  \(support.reason)")
            if let enforced = support.serverOrderEnforced {
                lines.append("          server order: \(enforced ? "enforced" : "client's order honoured")")
            }
            for suite in support.suites {
                lines.append("          \(suite)")
            }
            if !support.suitesComplete && support.status == .accepted {
                lines.append("          (list incomplete: a probe was inconclusive)")
            }
        }
        lines.append("")
        lines.append(
            "Groups:                \(result.groups.isEmpty ? "none found" : result.groups.joined(separator: ", "))")
        lines.append("Fallback SCSV:         \(result.fallbackSCSV.verdict.rawValue) — \(result.fallbackSCSV.evidence)")
        lines.append(
            "Secure renegotiation:  \(result.secureRenegotiation.verdict.rawValue) — \(result.secureRenegotiation.evidence)"
        )
        lines.append("Compression:           \(result.compression.verdict.rawValue) — \(result.compression.evidence)")
        lines.append("Certificates served:   \(result.certificateChain.count)")
        if let certificates = assessment.certificates {
            lines += certificateLines(certificates)
        } else if let error = result.certificateError {
            lines.append("  \(error)")
        }
        if let stapled = result.ocspStapled { lines.append("OCSP stapled:          \(stapled ? "yes" : "no")") }
        lines.append("")
        lines.append(
            "Grade:                 \(assessment.grade.grade.rawValue)"
                + (assessment.grade.gradeIgnoringTrust.map { " (\($0.rawValue) if trust issues are ignored)" } ?? ""))
        lines += assessment.grade.reasons.map { "  \($0)" }
        lines.append("")
        lines.append("\(result.handshakes) handshakes in \(result.durationMilliseconds) ms")
        return DisplayText.escaped(lines.joined(separator: "\n") + "\n", keepingLayout: true)
    }

    private func certificateLines(_ report: CertificateReport) -> [String] {
        var lines: [String] = []
        for (index, certificate) in report.chain.enumerated() {
            let names = (certificate.dnsNames + certificate.ipAddresses).joined(separator: ", ")
            let selfIssued = certificate.isSelfIssued ? " (self-issued)" : ""
            lines.append("  \(index + 1). subject           \(certificate.subject)\(selfIssued)")
            lines.append("     issuer            \(certificate.issuer)")
            lines.append(
                "     valid             \(Timestamp.day(certificate.notBefore)) to \(Timestamp.day(certificate.notAfter))"
            )
            if index == 0 { lines.append("     names             \(names.isEmpty ? "none in subjectAltName" : names)") }
            lines.append("     key, signature    \(certificate.publicKey), \(certificate.signatureAlgorithm)")
        }
        lines += report.unreadable.map { "  unreadable: \($0)" }
        lines.append("  judged at \(report.evaluatedAt.formatted(.iso8601)) against \(report.trustStore)")
        let problems: [(String, TLSScanResult.Finding)] = [
            ("untrusted", report.untrusted), ("incomplete chain", report.incompleteChain),
            ("hostname mismatch", report.hostnameMismatch), ("expired", report.expired),
            ("not yet valid", report.notYetValid), ("expiring soon", report.expiringSoon),
            ("self-signed", report.selfSigned), ("weak key", report.weakKey), ("weak signature", report.weakSignature),
        ]
        for (label, finding) in problems {
            lines.append(
                "  \((label + ":").padding(toLength: 19, withPad: " ", startingAt: 0)) \(finding.verdict.rawValue) — \(finding.evidence)"
            )
        }
        return lines
    }

}
