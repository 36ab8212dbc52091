import ScantrailCore
import ScantrailTLS

/// Judges an HTTPS API's TLS from raw handshakes (ScantrailTLS): protocol versions, weak suite
/// classes, forward secrecy, downgrade protection, renegotiation, compression, the served
/// certificate chain, and an overall grade. Cleartext targets have no TLS to judge; the
/// transport check reports them.
public struct TLSCheck: SecurityCheck {
    /// What the prober found; `nil` for cleartext targets.
    public struct Evidence: Codable, Sendable {
        /// `scheme://host:port` of the target.
        public let origin: String
        /// The prober's result.
        public let result: TLSScanResult?
        /// Why there is no result.
        public let note: String?
        /// Whether an HTTPS response was read for HSTS (which decides A against A+).
        public let hstsChecked: Bool
        /// Its Strict-Transport-Security value, if any.
        public let strictTransportSecurity: String?
        /// Days before expiry that count as expiring soon (`nil` in evidence recorded before it
        /// was kept: 30).
        public let expiryWarningDays: Int?
    }

    /// Creates the check.
    public init() {}

    public static let metadata = CheckMetadata(
        id: "tls.configuration", title: "TLS protocols, cipher suites and certificate",
        rules: Rules.all + CertificateRules.all)

    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence {
        func unprobed(_ note: String) -> Evidence {
            Evidence(
                origin: target.origin, result: nil, note: note, hstsChecked: false, strictTransportSecurity: nil,
                expiryWarningDays: context.configuration.expiryWarningDays)
        }
        guard target.isHTTPS else { return unprobed("cleartext target: no TLS to probe") }
        if let proxy = context.configuration.proxy, proxy.applies(to: target.host) {
            // Hand-built hellos need a connection of their own to the server.
            return unprobed(
                "not probed through the proxy at \(proxy.host):\(proxy.port): TLS probing needs a direct connection")
        }
        let address: String
        switch await context.targetGuard.admit(target.host) {
        case .refused(let reason): return unprobed("refused by the target guard: \(reason)")
        case .allowed(let connectTo): address = connectTo
        }
        var settings = TLSProbeSettings()
        settings.maxConnections = context.configuration.limits.maxConnectionsPerHost
        settings.timeoutSeconds = min(context.configuration.limits.requestTimeoutSeconds, 5)
        settings.caFile = context.configuration.caFile
        // The transport check sends the same GET; the probe answers it once for both.
        async let page = context.http.send(ProbeRequest(url: target.url))
        let result: TLSScanResult
        do {
            result = try await TLSProber(
                target: TLSProbeTarget(
                    host: target.host, port: target.port, address: address == target.host ? nil : address),
                settings: settings, limiter: context.connections
            )
            .scan()
        } catch let error as TLSProbeError {
            _ = try? await page
            return unprobed(error.description)
        }
        let response = try await page.response
        return Evidence(
            origin: target.origin, result: result, note: nil, hstsChecked: response != nil,
            strictTransportSecurity: response?.headers.first("Strict-Transport-Security"),
            expiryWarningDays: context.configuration.expiryWarningDays)
    }

    public func evaluate(_ evidence: Evidence) -> [Outcome] {
        let location = Location(origin: evidence.origin, method: nil, path: "/")
        guard let result = evidence.result else {
            if evidence.origin.hasPrefix("http://") { return [] }
            let rules = Rules.all + CertificateRules.all
            return rules.map { .inconclusive($0, at: location, evidence.note ?? "TLS not probed") }
        }
        if let reply = result.nonTLSReply {
            // Something answers on the port, but not in TLS: there is no TLS here to judge.
            let reason = "\(result.target) does not speak TLS: \(reply)"
            return (Rules.all + CertificateRules.all).map { .notApplicable($0, at: location, reason) }
        }
        // Every verdict is made here, from the facts, at the moment they were observed.
        let assessment = TLSAssessment(
            result, at: result.observedAt, warningDays: evidence.expiryWarningDays ?? 30, hsts: Self.hsts(evidence))
        return protocolOutcomes(result, at: location) + suiteOutcomes(result, at: location)
            + findingOutcomes(result, at: location) + certificateOutcomes(result, assessment, at: location)
            + [gradeOutcome(assessment.grade, at: location)]
    }

    private func protocolOutcomes(_ result: TLSScanResult, at location: Location) -> [Outcome] {
        var outcomes: [Outcome] = []
        let legacy = [("sslv2", Rules.sslv2), ("sslv3", Rules.sslv3), ("tls10", Rules.tls10), ("tls11", Rules.tls11)]
        for (version, rule) in legacy {
            guard let support = result.protocols.first(where: { $0.version == version }) else { continue }
            switch support.status {
            case .accepted: outcomes.append(.failed(rule, at: location, "\(support.name) \(support.reason)"))
            case .rejected: outcomes.append(.passed(rule, at: location, "\(support.name) \(support.reason)"))
            case .inconclusive: outcomes.append(.inconclusive(rule, at: location, "\(support.name): \(support.reason)"))
            }
        }
        let modern = [TLSVersion.tls12, .tls13].compactMap { result.support(for: $0) }
        if let accepted = modern.first(where: { $0.status == .accepted }) {
            outcomes.append(.passed(Rules.noModernProtocol, at: location, "\(accepted.name) \(accepted.reason)"))
        } else if modern.allSatisfy({ $0.status == .rejected }) {
            let reasons = modern.map { "\($0.name) \($0.reason)" }.joined(separator: "; ")
            outcomes.append(.failed(Rules.noModernProtocol, at: location, reasons))
        } else {
            outcomes.append(
                .inconclusive(Rules.noModernProtocol, at: location, "TLS 1.2 and 1.3 could not both be judged"))
        }
        return outcomes
    }

    private func suiteOutcomes(_ result: TLSScanResult, at location: Location) -> [Outcome] {
        let accepted = result.protocols.flatMap { support in
            support.cipherSuites.map { (version: support.name, suite: $0) }
        }
        let complete = result.protocols.allSatisfy { $0.status != .inconclusive && $0.suitesComplete }
        func judge(_ rule: Rule, _ kind: String, _ isWeak: (CipherSuite) -> Bool) -> Outcome {
            let weak = accepted.filter { isWeak($0.suite) }
            if !weak.isEmpty {
                let listed = weak.prefix(5).map { "\($0.version) \($0.suite.name)" }.joined(separator: ", ")
                let more = weak.count > 5 ? " and \(weak.count - 5) more" : ""
                return .failed(rule, at: location, "accepted: \(listed)\(more)")
            }
            guard complete else {
                return .inconclusive(rule, at: location, "not every protocol version could be enumerated")
            }
            return .passed(rule, at: location, "none of the \(accepted.count) accepted suites is \(kind)")
        }
        return [
            judge(Rules.brokenSuites, "NULL, export or anonymous") { $0.isNullCipher || $0.isExport || $0.isAnonymous },
            judge(Rules.rc4, "RC4", \.isRC4),
            judge(Rules.sweet32, "a 64-bit block cipher", \.has64BitBlock),
            judge(Rules.noForwardSecrecy, "without forward secrecy") { !$0.hasForwardSecrecy },
        ]
    }

    /// `failing` is the verdict that makes the rule fail; not applicable passes.
    private func judge(
        _ rule: Rule, _ finding: TLSScanResult.Finding, failing: TLSScanResult.Finding.Verdict, at location: Location
    ) -> Outcome {
        switch finding.verdict {
        case failing: .failed(rule, at: location, finding.evidence)
        case .inconclusive: .inconclusive(rule, at: location, finding.evidence)
        default: .passed(rule, at: location, finding.evidence)
        }
    }

    private func findingOutcomes(_ result: TLSScanResult, at location: Location) -> [Outcome] {
        [
            judge(Rules.fallbackSCSV, result.fallbackSCSV, failing: .no, at: location),
            judge(Rules.renegotiation, result.secureRenegotiation, failing: .no, at: location),
            judge(Rules.compression, result.compression, failing: .yes, at: location),
        ]
    }

    private func certificateOutcomes(_ result: TLSScanResult, _ assessment: TLSAssessment, at location: Location)
        -> [Outcome]
    {
        typealias Rules = CertificateRules
        guard let report = assessment.certificates else {
            let reason = result.certificateError ?? "no certificate was read"
            return Rules.all.filter { $0 != Rules.grade }.map { .inconclusive($0, at: location, reason) }
        }
        let judged: [(Rule, TLSScanResult.Finding)] = [
            (Rules.expired, report.expired), (Rules.notYetValid, report.notYetValid),
            (Rules.expiringSoon, report.expiringSoon), (Rules.hostnameMismatch, report.hostnameMismatch),
            (Rules.untrusted, report.untrusted), (Rules.selfSigned, report.selfSigned),
            (Rules.incompleteChain, report.incompleteChain), (Rules.weakKey, report.weakKey),
            (Rules.weakSignature, report.weakSignature),
        ]
        return judged.map { judge($0.0, $0.1, failing: .yes, at: location) }
    }

    /// What the evidence saw of HSTS, which decides between A and A+.
    private static func hsts(_ evidence: Evidence) -> TLSGrade.HSTS {
        if !evidence.hstsChecked { return .notChecked }
        guard let value = evidence.strictTransportSecurity else { return .missing }
        return StrictTransportSecurity(value).maxAge.map(TLSGrade.HSTS.maxAge) ?? .missing
    }

    private func gradeOutcome(_ grade: TLSGrade, at location: Location) -> Outcome {
        let ignoring = grade.gradeIgnoringTrust.map { " (\($0.rawValue) if trust issues are ignored)" } ?? ""
        let summary = "grade \(grade.grade.rawValue)\(ignoring), score \(grade.score)"
        let reasons = grade.reasons.isEmpty ? "" : ": " + grade.reasons.joined(separator: "; ")
        if grade.grade.isGood { return .passed(CertificateRules.grade, at: location, summary + reasons) }
        if grade.grade == .unknown { return .inconclusive(CertificateRules.grade, at: location, summary + reasons) }
        return .failed(CertificateRules.grade, at: location, summary + reasons)
    }
}
