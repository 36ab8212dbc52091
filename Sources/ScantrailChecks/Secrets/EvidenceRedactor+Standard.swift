import ScantrailCore

extension EvidenceRedactor {
    /// Every secret shape `secrets.responses` looks for, plus whole private-key blocks and JWTs
    /// with any signature (forged variants included), knowing `knownSecrets` besides.
    public static func standard(knownSecrets: [String] = []) -> EvidenceRedactor {
        let extra = [
            Shape(pattern: #"-----BEGIN [A-Z ]*PRIVATE KEY-----([\s\S]*?)(?:-----END [A-Z ]*PRIVATE KEY-----|$)"#),
            Shape(pattern: #"\b(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*)"#),
        ]
        return EvidenceRedactor(
            shapes: extra + SecretPattern.all.map { Shape(pattern: $0.pattern, minimumEntropy: $0.minimumEntropy) },
            knownSecrets: knownSecrets)
    }
}
