import Foundation
import ScantrailTLS

/// Renders a TLS probe result for a terminal.
public struct TLSTextRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The result as text, one section per protocol version.
    public func render(_ result: TLSScanResult) -> String {
        var lines = ["TLS of \(result.target)" + (result.serverName.map { " (SNI \($0))" } ?? "")]
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
        lines.append("Fallback SCSV:         \(result.fallbackSCSV.verdict) — \(result.fallbackSCSV.evidence)")
        lines.append(
            "Secure renegotiation:  \(result.secureRenegotiation.verdict) — \(result.secureRenegotiation.evidence)")
        lines.append("Compression:           \(result.compression.verdict) — \(result.compression.evidence)")
        lines.append("Certificates served:   \(result.certificateChain.count)")
        if let leaf = result.leafCertificate {
            let names = (leaf.dnsNames + leaf.ipAddresses).joined(separator: ", ")
            lines.append("  subject              \(leaf.subject)\(leaf.isSelfIssued ? " (self-issued)" : "")")
            lines.append("  issuer               \(leaf.issuer)")
            lines.append(
                "  valid                \(leaf.notBefore.formatted(.iso8601)) to \(leaf.notAfter.formatted(.iso8601))")
            lines.append("  names                \(names.isEmpty ? "none in subjectAltName" : names)")
            lines.append("  key, signature       \(leaf.publicKey), \(leaf.signatureAlgorithm)")
        } else if let error = result.certificateError {
            lines.append("  \(error)")
        }
        lines.append("")
        lines.append("\(result.handshakes) handshakes in \(result.durationMilliseconds) ms")
        return lines.joined(separator: "\n") + "\n"
    }
}
