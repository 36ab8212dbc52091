/// An overall letter for a server's TLS, following the published SSL Labs rating guide as
/// testssl.sh implements it: a score from protocols (30 %), key strength (30 %) and cipher
/// strength (40 %), then caps, each listed with its reason. `T` replaces the letter when the
/// chain is not trusted, `M` when it does not cover the name; `?` when no certificate was read.
public struct TLSGrade: Codable, Sendable, Equatable {
    /// What was seen of HSTS, which decides between A and A+.
    public enum HSTS: Sendable, Equatable {
        /// Not looked at (`scantrail tls` speaks no HTTP).
        case notChecked
        /// The response carried no Strict-Transport-Security.
        case missing
        /// Strict-Transport-Security with this max-age, in seconds.
        case maxAge(Int)
    }

    /// `A+`, `A`, `B` … `F`, `T`, `M`, or `?`.
    public let grade: String
    /// The letter trust and name problems hide, when `grade` is `T` or `M`.
    public let gradeIgnoringTrust: String?
    /// The weighted score, 0–100, before caps.
    public let score: Int
    /// Every cap or override applied, as "B: TLS 1.0 is accepted".
    public let reasons: [String]

    /// Grades what the prober found, with its chain judged as `certificates`.
    public init(_ result: TLSScanResult, certificates: CertificateReport?, hsts: HSTS) {
        self.init(
            protocols: result.protocols, fallbackSCSV: result.fallbackSCSV,
            secureRenegotiation: result.secureRenegotiation, compression: result.compression,
            certificates: certificates, hsts: hsts)
    }

    /// Grades the parts of a result.
    init(
        protocols: [TLSScanResult.ProtocolSupport], fallbackSCSV: TLSScanResult.Finding,
        secureRenegotiation: TLSScanResult.Finding, compression: TLSScanResult.Finding,
        certificates: CertificateReport?, hsts: HSTS
    ) {
        var caps = Caps()
        let accepted = protocols.filter { $0.status == .accepted }
        let versions = accepted.compactMap { support in TLSVersion.allCases.first { $0.key == support.version } }
        let suites = accepted.flatMap { support in support.cipherSuites.map { (version: support.version, suite: $0) } }
        guard let leaf = certificates?.chain.first, !versions.isEmpty else {
            let why = versions.isEmpty ? "no protocol version is accepted" : "no certificate could be read"
            self.init(grade: "?", gradeIgnoringTrust: nil, score: 0, reasons: ["?: \(why)"])
            return
        }
        let speaksSSLv2 = protocols.contains { $0.version == "sslv2" && $0.status == .accepted }
        let protocolScore = Self.average(versions.map(Self.protocolScore) + (speaksSSLv2 ? [0] : []))
        let keyScore = suites.contains { $0.suite.isAnonymous } ? 0 : Self.keyScore(leaf)
        let cipherScore = Self.average(suites.map { Self.cipherScore($0.suite.strengthBits) })
        let parts = [protocolScore, keyScore, cipherScore]
        let score = parts.contains(0) ? 0 : (3 * protocolScore + 3 * keyScore + 4 * cipherScore) / 10

        Self.protocolCaps(versions, into: &caps)
        if speaksSSLv2 { caps.limit("F", "SSLv2 is accepted (DROWN)") }
        Self.suiteCaps(suites, into: &caps)
        Self.certificateCaps(leaf, certificates, into: &caps)
        if secureRenegotiation.verdict == .no { caps.limit("C", "secure renegotiation is not supported") }
        if compression.verdict == .yes { caps.limit("C", "TLS compression is enabled (CRIME)") }
        if fallbackSCSV.verdict == .no { caps.limit("A", "TLS_FALLBACK_SCSV is not honoured") }
        switch hsts {
        case .notChecked: caps.limit("A", "HSTS not checked: A+ needs it (scantrail scan looks)")
        case .missing: caps.limit("A", "no Strict-Transport-Security header")
        case .maxAge(let seconds) where seconds < 180 * 86_400:
            caps.limit("A", "HSTS max-age \(seconds) s is under 180 days")
        case .maxAge: break
        }

        let letter = Self.letter(for: score)
        let capped = caps.lowest.map { Self.worse($0, letter) }
        let plain = capped ?? (letter == "A" ? "A+" : letter)
        if !caps.trust.isEmpty {
            self.init(
                grade: "T", gradeIgnoringTrust: plain, score: score, reasons: caps.trust + caps.name + caps.reasons)
        } else if !caps.name.isEmpty {
            self.init(grade: "M", gradeIgnoringTrust: plain, score: score, reasons: caps.name + caps.reasons)
        } else {
            self.init(grade: plain, gradeIgnoringTrust: nil, score: score, reasons: caps.reasons)
        }
    }

    private init(grade: String, gradeIgnoringTrust: String?, score: Int, reasons: [String]) {
        self.grade = grade
        self.gradeIgnoringTrust = gradeIgnoringTrust
        self.score = score
        self.reasons = reasons
    }

    // MARK: Caps

    /// The caps found so far.
    private struct Caps {
        var reasons: [String] = []
        var lowest: String?
        var trust: [String] = []
        var name: [String] = []

        mutating func limit(_ letter: String, _ reason: String) {
            reasons.append("\(letter): \(reason)")
            lowest = lowest.map { TLSGrade.worse($0, letter) } ?? letter
        }
    }

    /// Best first.
    static let order = ["A+", "A", "B", "C", "D", "E", "F"]

    /// The lower of two letters.
    static func worse(_ first: String, _ second: String) -> String {
        order.firstIndex(of: first)! > order.firstIndex(of: second)! ? first : second
    }

    private static func protocolCaps(_ versions: [TLSVersion], into caps: inout Caps) {
        if versions.contains(.sslv3) { caps.limit("C", "SSLv3 is accepted (POODLE)") }
        if !versions.contains(.tls12) && !versions.contains(.tls13) {
            caps.limit("C", "neither TLS 1.2 nor TLS 1.3 is accepted")
        }
        for version in [TLSVersion.sslv3, .tls10, .tls11] where versions.contains(version) {
            caps.limit("B", "\(version) is accepted")
        }
    }

    private static func suiteCaps(_ suites: [(version: String, suite: CipherSuite)], into caps: inout Caps) {
        func any(_ test: (CipherSuite) -> Bool) -> CipherSuite? { suites.first { test($0.suite) }?.suite }
        if let suite = any(\.isExport) { caps.limit("F", "export suite \(suite.name)") }
        if let suite = any(\.isAnonymous) { caps.limit("F", "anonymous suite \(suite.name)") }
        if let suite = any({ $0.strengthBits < 112 }) { caps.limit("F", "\(suite.name) has under 112 bits") }
        let modern = suites.filter { ["tls11", "tls12"].contains($0.version) }.map(\.suite)
        if let suite = modern.first(where: { $0.isRC4 || $0.has64BitBlock }) {
            caps.limit("C", "\(suite.name) (RC4 or a 64-bit block) is accepted with TLS 1.1+")
        }
        if let suite = any(\.isRC4) { caps.limit("B", "RC4 suite \(suite.name)") }
        if any(\.hasForwardSecrecy) == nil { caps.limit("B", "no suite with forward secrecy") }
        if any(\.isAEAD) == nil { caps.limit("B", "no AEAD suite") }
    }

    private static func certificateCaps(_ leaf: CertificateFacts, _ report: CertificateReport?, into caps: inout Caps) {
        guard let report else { return }
        if (leaf.keyAlgorithm == "RSA" || leaf.keyAlgorithm == "DSA") && leaf.keyBits < 1024 {
            caps.limit("F", "insecure key \(leaf.publicKey)")
        } else if report.weakKey.verdict == .yes {
            caps.limit("B", "weak key: \(report.weakKey.evidence)")
        }
        if report.chain.contains(where: { $0.signatureAlgorithm.lowercased().contains("md5") && !$0.isSelfIssued }) {
            caps.limit("F", "MD5 signature")
        }
        let trustProblems: [(TLSScanResult.Finding, String)] = [
            (report.untrusted, "not trusted"), (report.selfSigned, "self-signed"), (report.expired, "expired"),
            (report.notYetValid, "not yet valid"), (report.weakSignature, "SHA-1 or weaker signature"),
        ]
        for (finding, label) in trustProblems where finding.verdict == .yes {
            caps.trust.append("T: \(label): \(finding.evidence)")
        }
        if report.hostnameMismatch.verdict == .yes {
            caps.name.append("M: \(report.hostnameMismatch.evidence)")
        }
    }

    // MARK: Score

    private static func protocolScore(_ version: TLSVersion) -> Int {
        switch version {
        case .sslv3: 80
        case .tls10: 90
        case .tls11: 95
        case .tls12, .tls13: 100
        }
    }

    /// Key strength from the certificate's key; EC sizes compare as their RSA equivalents.
    private static func keyScore(_ leaf: CertificateFacts) -> Int {
        let thresholds =
            leaf.keyAlgorithm == "EC" || leaf.keyAlgorithm == "EdDSA" ? [110, 123, 163, 225] : [512, 1024, 2048, 4096]
        let scores = [20, 40, 80, 90]
        for (threshold, score) in zip(thresholds, scores) where leaf.keyBits < threshold { return score }
        return 100
    }

    private static func cipherScore(_ bits: Int) -> Int {
        switch bits {
        case 0: 0
        case ..<128: 20
        case ..<256: 80
        default: 100
        }
    }

    /// The mean of the best and the worst.
    private static func average(_ scores: [Int]) -> Int {
        guard let best = scores.max(), let worst = scores.min() else { return 0 }
        return (best + worst) / 2
    }

    private static func letter(for score: Int) -> String {
        switch score {
        case 80...: "A"
        case 65...: "B"
        case 50...: "C"
        case 35...: "D"
        case 20...: "E"
        default: "F"
        }
    }
}
