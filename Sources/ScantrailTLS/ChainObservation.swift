import Foundation
@_spi(DisableValidityCheck) import X509

/// A served certificate chain as read and checked against a trust store: the facts of each
/// certificate, and the two verdicts that depend on the trust store rather than on time
/// (completeness and trust). Everything else is judged from it, at a chosen moment, by
/// ``CertificateReport/judge(_:at:warningDays:)``.
public struct ChainObservation: Codable, Sendable {
    /// The roots trust was judged against, or why none could be loaded.
    public let trustStore: String
    /// The name the certificate must cover (the SNI name, else the address probed).
    public let expectedName: String
    /// The served certificates, leaf first, as read.
    public let chain: [CertificateFacts]
    /// Served certificates that could not be read, with the reason.
    public let unreadable: [String]
    /// The served chain stops before a certificate the trust store knows the issuer of.
    public let incompleteChain: TLSScanResult.Finding
    /// No chain from the leaf to a trusted root verifies (signatures, CA constraints, names;
    /// validity is left to the time-dependent verdicts).
    public let untrusted: TLSScanResult.Finding

    /// Reads `served` (DER, leaf first) and checks it against `trustStore`; `nil` when no
    /// certificate was served.
    public static func observe(
        served: [[UInt8]], expectedName: String, trustStore: Result<TrustStore, TrustStoreError>
    ) async -> ChainObservation? {
        guard !served.isEmpty else { return nil }
        var chain: [CertificateFacts] = []
        var unreadable: [String] = []
        for (index, der) in served.enumerated() {
            do {
                chain.append(try CertificateFacts(der: der))
            } catch {
                unreadable.append("certificate \(index + 1) of \(served.count): \(error)")
            }
        }
        guard let leaf = chain.first, unreadable.first?.hasPrefix("certificate 1 ") != true else {
            let reason = TLSScanResult.Finding.unknown("the leaf certificate could not be read: \(unreadable[0])")
            return ChainObservation(
                trustStore: trustStore.source, expectedName: expectedName, chain: chain, unreadable: unreadable,
                incompleteChain: reason, untrusted: reason)
        }
        return ChainObservation(
            trustStore: trustStore.source, expectedName: expectedName, chain: chain, unreadable: unreadable,
            incompleteChain: completeness(issuerPath(from: leaf, among: chain), trustStore: trustStore),
            untrusted: await trust(served, leaf: leaf, trustStore: trustStore))
    }

    /// Whether the leaf could be read: without it nothing can be judged.
    public var leafIsReadable: Bool { unreadable.first?.hasPrefix("certificate 1 ") != true && !chain.isEmpty }

    /// The leaf, then each served certificate that issued the one before, in order.
    static func issuerPath(from leaf: CertificateFacts, among chain: [CertificateFacts]) -> [CertificateFacts] {
        var path = [leaf]
        while let tip = path.last, !tip.isSelfIssued,
            let issuer = chain.first(where: { $0.subject == tip.issuer && !path.contains($0) })
        {
            path.append(issuer)
        }
        return path
    }

    private static func completeness(_ path: [CertificateFacts], trustStore: Result<TrustStore, TrustStoreError>)
        -> TLSScanResult.Finding
    {
        let top = path.last!
        if top.isSelfIssued {
            return .absent("the served chain reaches \(top.subject), which is self-issued")
        }
        guard case .success(let store) = trustStore else {
            return .unknown("no trust store to look for \(top.issuer) in")
        }
        if store.hasRoot(named: top.issuer) {
            return .absent("the served chain reaches \(top.subject), issued by the trusted \(top.issuer)")
        }
        return .present(
            "the served chain stops at \(top.subject); its issuer \(top.issuer) was not served and is not in the trust store"
        )
    }

    private static func trust(
        _ served: [[UInt8]], leaf: CertificateFacts, trustStore: Result<TrustStore, TrustStoreError>
    ) async -> TLSScanResult.Finding {
        let store: TrustStore
        switch trustStore {
        case .success(let loaded): store = loaded
        case .failure(let error): return .unknown(error.description)
        }
        let certificate: Certificate
        do {
            certificate = try Certificate(derEncoded: served[0])
        } catch {
            let why = leaf.keyAlgorithm == "RSA" && leaf.keyBits < 2048 ? " (it refuses RSA keys under 2048 bits)" : ""
            return .unknown("swift-certificates cannot read the leaf to verify it\(why): \(error)")
        }
        let intermediates = served.dropFirst().compactMap { try? Certificate(derEncoded: $0) }
        // Expiry is judged by its own rules: trust here is about signatures, CA constraints and names.
        var verifier = Verifier(rootCertificates: CertificateStore(store.certificates)) {
            RFC5280Policy.withValidityCheckDisabled()
        }
        switch await verifier.validate(leaf: certificate, intermediates: CertificateStore(intermediates)) {
        case .validCertificate(let chain):
            let root = chain.last.map { $0.subject.description } ?? "a root"
            return .absent("verified up to \(root) in \(store.source)")
        case .couldNotValidate(let failures):
            // A reason can embed a whole certificate's description; the first 300 characters say enough.
            let reasons = Set(failures.map { String($0.policyFailureReason.description.prefix(300)) }).sorted()
                .prefix(3)
            let detail = reasons.isEmpty ? "" : ": " + reasons.joined(separator: "; ")
            return .present("no chain to a root in \(store.source) verifies\(detail)")
        }
    }
}

extension Result<TrustStore, TrustStoreError> {
    /// The store's description, or the error.
    var source: String {
        switch self {
        case .success(let store): store.source
        case .failure(let error): error.description
        }
    }
}
