import Foundation

/// What the TLS prober found on one server: per protocol version, whether it is accepted and
/// which suites; plus groups, fallback signalling, renegotiation and compression. The JSON
/// form is documented in docs/report-format.md.
public struct TLSScanResult: Codable, Sendable {
    /// A verdict that may be unknown.
    public enum Status: String, Codable, Sendable {
        case accepted, rejected, inconclusive
    }

    /// One protocol version.
    public struct ProtocolSupport: Codable, Sendable {
        /// `sslv3`, `tls10` … `tls13`.
        public let version: String
        /// `SSLv3`, `TLS 1.0` … `TLS 1.3`.
        public let name: String
        /// Accepted, rejected, or inconclusive.
        public let status: Status
        /// Why, in one line: "rejected with alert protocol_version", or the inconclusive reason.
        public let reason: String
        /// The accepted suites by IANA name, in the order the server chose them.
        public let suites: [String]
        /// Whether every suite was tested: `false` when a probe was inconclusive midway.
        public let suitesComplete: Bool
        /// Whether the server picks by its own preference (`nil`: fewer than two suites, or unknown).
        public let serverOrderEnforced: Bool?
    }

    /// A yes/no property that may be unknown or not apply.
    public struct Finding: Codable, Sendable, Hashable {
        /// Whether the property holds.
        public enum Verdict: String, Codable, Sendable {
            /// It holds (for a problem: the problem is present).
            case yes
            /// It does not.
            case no
            /// It could not be told.
            case inconclusive
            /// It does not apply (no fallback to protect against when only one version is spoken).
            case notApplicable = "not-applicable"
        }

        /// Whether the property holds.
        public let verdict: Verdict
        /// One line of evidence.
        public let evidence: String

        /// Creates a finding.
        public init(verdict: Verdict, evidence: String) {
            self.verdict = verdict
            self.evidence = evidence
        }
    }

    /// `host:port` probed.
    public let target: String
    /// SNI sent, if any.
    public let serverName: String?
    /// How the server's reply began when no hello of any version got a TLS answer: a plaintext
    /// service listens on the port. `nil` when the server speaks TLS (or could not be told).
    public let nonTLSReply: String?
    /// One entry per version, SSLv3 first.
    public let protocols: [ProtocolSupport]
    /// Key-exchange groups the server accepted, in the prober's order (x25519 first).
    public let groups: [String]
    /// Whether the server honours TLS_FALLBACK_SCSV (RFC 7507).
    public let fallbackSCSV: Finding
    /// Whether the server supports secure renegotiation (RFC 5746).
    public let secureRenegotiation: Finding
    /// Whether the server accepts TLS compression (CRIME).
    public let compression: Finding
    /// Certificates as served (DER, base64, leaf first): read in clear from a TLS ≤ 1.2
    /// handshake, or through a full handshake when the server speaks only TLS 1.3.
    public let certificateChain: [String]
    /// What was read from the chain, and what the trust store said of it; the time-dependent
    /// verdicts are made from it by ``CertificateReport/judge(_:at:warningDays:)``.
    public let chain: ChainObservation?
    /// Why no chain could be read, when none was.
    public let certificateError: String?
    /// Whether an OCSP response was stapled.
    public let ocspStapled: Bool?
    /// When the chain was read: the moment its verdicts are made for.
    public let observedAt: Date
    /// ClientHellos sent.
    public let handshakes: Int
    /// Wall time of the probe, in milliseconds.
    public let durationMilliseconds: Int

    /// The entry for `version`.
    public func support(for version: TLSVersion) -> ProtocolSupport? {
        protocols.first { $0.version == version.key }
    }
}

extension TLSScanResult.ProtocolSupport {
    /// The accepted suites of the IANA registry (SSLv2's cipher kinds are not among them).
    public var cipherSuites: [CipherSuite] { suites.compactMap(CipherSuite.withName) }
}
