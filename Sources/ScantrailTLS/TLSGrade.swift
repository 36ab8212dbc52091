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

    /// A grade; its raw value is the letter reports show.
    public enum Letter: String, Codable, Sendable, CaseIterable {
        case aPlus = "A+", a = "A", b = "B", c = "C", d = "D", e = "E", f = "F"
        /// The chain is untrusted, self-signed, expired, not yet valid or SHA-1 signed.
        case trustProblem = "T"
        /// The certificate does not cover the name.
        case nameMismatch = "M"
        /// No protocol or certificate could be read.
        case unknown = "?"

        /// The scale of plain letters, best first.
        static let scale: [Letter] = [.aPlus, .a, .b, .c, .d, .e, .f]

        /// A or A+: a grade the TLS check passes.
        public var isGood: Bool { self == .aPlus || self == .a }
    }

    /// `A+`, `A`, `B` … `F`, `T`, `M`, or `?`.
    public let grade: Letter
    /// The letter trust and name problems hide, when `grade` is `T` or `M`.
    public let gradeIgnoringTrust: Letter?
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
            self.init(grade: .unknown, gradeIgnoringTrust: nil, score: 0, reasons: ["?: \(why)"])
            return
        }
        let speaksSSLv2 = protocols.contains { $0.version == "sslv2" && $0.status == .accepted }
        let protocolScore = Self.average(versions.map(Self.protocolScore) + (speaksSSLv2 ? [0] : []))
        let keyScore = suites.contains { $0.suite.isAnonymous } ? 0 : Self.keyScore(leaf)
        let cipherScore = Self.average(suites.map { Self.cipherScore($0.suite.strengthBits) })
        let parts = [protocolScore, keyScore, cipherScore]
        let score = parts.contains(0) ? 0 : (3 * protocolScore + 3 * keyScore + 4 * cipherScore) / 10

        Self.protocolCaps(versions, into: &caps)
        if speaksSSLv2 { caps.limit(.f, "SSLv2 is accepted (DROWN)") }
        Self.suiteCaps(suites, into: &caps)
        Self.certificateCaps(leaf, certificates, into: &caps)
        if secureRenegotiation.verdict == .no { caps.limit(.c, "secure renegotiation is not supported") }
        if compression.verdict == .yes { caps.limit(.c, "TLS compression is enabled (CRIME)") }
        if fallbackSCSV.verdict == .no { caps.limit(.a, "TLS_FALLBACK_SCSV is not honoured") }
        switch hsts {
        case .notChecked: caps.limit(.a, "HSTS not checked: A+ needs it (scantrail scan looks)")
        case .missing: caps.limit(.a, "no Strict-Transport-Security header")
        case .maxAge(let seconds) where seconds < 180 * 86_400:
            caps.limit(.a, "HSTS max-age \(seconds) s is under 180 days")
        case .maxAge: break
        }

        let letter = Self.letter(for: score)
        let capped = caps.lowest.map { Self.worse($0, letter) }
        let plain = capped ?? (letter == .a ? .aPlus : letter)
        if !caps.trust.isEmpty {
            self.init(
                grade: .trustProblem, gradeIgnoringTrust: plain, score: score,
                reasons: caps.trust + caps.name + caps.reasons)
        } else if !caps.name.isEmpty {
            self.init(grade: .nameMismatch, gradeIgnoringTrust: plain, score: score, reasons: caps.name + caps.reasons)
        } else {
            self.init(grade: plain, gradeIgnoringTrust: nil, score: score, reasons: caps.reasons)
        }
    }

    private init(grade: Letter, gradeIgnoringTrust: Letter?, score: Int, reasons: [String]) {
        self.grade = grade
        self.gradeIgnoringTrust = gradeIgnoringTrust
        self.score = score
        self.reasons = reasons
    }

    // MARK: Caps

    /// The caps found so far.
    private struct Caps {
        var reasons: [String] = []
        var lowest: Letter?
        var trust: [String] = []
        var name: [String] = []

        mutating func limit(_ letter: Letter, _ reason: String) {
            reasons.append("\(letter.rawValue): \(reason)")
            lowest = lowest.map { TLSGrade.worse($0, letter) } ?? letter
        }
    }

    /// The lower of two plain letters.
    static func worse(_ first: Letter, _ second: Letter) -> Letter {
        Letter.scale.firstIndex(of: first)! > Letter.scale.firstIndex(of: second)! ? first : second
    }

    private static func protocolCaps(_ versions: [TLSVersion], into caps: inout Caps) {
        if versions.contains(.sslv3) { caps.limit(.c, "SSLv3 is accepted (POODLE)") }
        if !versions.contains(.tls12) && !versions.contains(.tls13) {
            caps.limit(.c, "neither TLS 1.2 nor TLS 1.3 is accepted")
        }
        for version in [TLSVersion.sslv3, .tls10, .tls11] where versions.contains(version) {
            caps.limit(.b, "\(version) is accepted")
        }
    }

    private static func suiteCaps(_ suites: [(version: String, suite: CipherSuite)], into caps: inout Caps) {
        func any(_ test: (CipherSuite) -> Bool) -> CipherSuite? { suites.first { test($0.suite) }?.suite }
        if let suite = any(\.isExport) { caps.limit(.f, "export suite \(suite.name)") }
        if let suite = any(\.isAnonymous) { caps.limit(.f, "anonymous suite \(suite.name)") }
        if let suite = any({ $0.strengthBits < 112 }) { caps.limit(.f, "\(suite.name) has under 112 bits") }
        let modern = suites.filter { ["tls11", "tls12"].contains($0.version) }.map(\.suite)
        if let suite = modern.first(where: { $0.isRC4 || $0.has64BitBlock }) {
            caps.limit(.c, "\(suite.name) (RC4 or a 64-bit block) is accepted with TLS 1.1+")
        }
        if let suite = any(\.isRC4) { caps.limit(.b, "RC4 suite \(suite.name)") }
        if any(\.hasForwardSecrecy) == nil { caps.limit(.b, "no suite with forward secrecy") }
        if any(\.isAEAD) == nil { caps.limit(.b, "no AEAD suite") }
    }

    private static func certificateCaps(_ leaf: CertificateFacts, _ report: CertificateReport?, into caps: inout Caps) {
        guard let report else { return }
        if (leaf.keyAlgorithm == "RSA" || leaf.keyAlgorithm == "DSA") && leaf.keyBits < 1024 {
            caps.limit(.f, "insecure key \(leaf.publicKey)")
        } else if report.weakKey.verdict == .yes {
            caps.limit(.b, "weak key: \(report.weakKey.evidence)")
        }
        if report.chain.contains(where: { $0.signatureAlgorithm.lowercased().contains("md5") && !$0.isSelfIssued }) {
            caps.limit(.f, "MD5 signature")
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

    private static func letter(for score: Int) -> Letter {
        switch score {
        case 80...: .a
        case 65...: .b
        case 50...: .c
        case 35...: .d
        case 20...: .e
        default: .f
        }
    }
}
