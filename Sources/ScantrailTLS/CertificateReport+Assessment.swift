import Foundation
@_spi(DisableValidityCheck) import X509

extension CertificateReport {
    /// Judges a served chain at `time`.
    ///
    /// - Parameters:
    ///   - served: the certificates as the server sent them, leaf first (DER).
    ///   - expectedName: the host name or address the certificate must cover.
    ///   - trustStore: the roots, or why they could not be loaded.
    ///   - time: the moment expiry is judged at.
    ///   - warningDays: days before expiry that count as expiring soon.
    /// - Returns: `nil` when no certificate was served.
    public static func assess(
        served: [[UInt8]], expectedName: String, trustStore: Result<TrustStore, TrustStoreError>, at time: Date,
        warningDays: Int
    ) async -> CertificateReport? {
        guard let leafDER = served.first else { return nil }
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
            return CertificateReport(
                evaluatedAt: time, trustStore: trustStore.source, expectedName: expectedName,
                expiryWarningDays: warningDays, chain: chain, unreadable: unreadable, daysLeft: nil, expired: reason,
                notYetValid: reason, expiringSoon: reason, hostnameMismatch: reason, weakKey: reason,
                weakSignature: reason, selfSigned: reason, incompleteChain: reason, untrusted: reason)
        }
        let path = issuerPath(from: leaf, among: chain)
        let issued = path.filter { !$0.isSelfIssued || $0 == leaf }
        let daysLeft = Int(leaf.notAfter.timeIntervalSince(time) / 86_400)
        return CertificateReport(
            evaluatedAt: time, trustStore: trustStore.source, expectedName: expectedName,
            expiryWarningDays: warningDays, chain: chain, unreadable: unreadable, daysLeft: daysLeft,
            expired: expiry(of: path, at: time), notYetValid: notYetValid(path, at: time),
            expiringSoon: daysLeft < 0
                ? .absent("already expired")
                : daysLeft <= warningDays
                    ? .present("the leaf expires on \(day(leaf.notAfter)), in \(daysLeft) days")
                    : .absent("the leaf is valid for \(daysLeft) more days"),
            hostnameMismatch: hostname(expectedName, leaf: leaf),
            weakKey: worst(issued, "key", \.hasWeakKey, \.publicKey),
            weakSignature: worst(issued, "signature", \.hasWeakSignature, \.signatureAlgorithm),
            selfSigned: leaf.isSelfIssued
                ? .present("the leaf \(leaf.subject) is issued by itself")
                : .absent("the leaf is issued by \(leaf.issuer)"),
            incompleteChain: completeness(path, leaf: leaf, trustStore: trustStore),
            untrusted: await trust(served, leaf: leaf, trustStore: trustStore))
    }

    /// The leaf, then each served certificate that issued the one before, in order.
    private static func issuerPath(from leaf: CertificateFacts, among chain: [CertificateFacts]) -> [CertificateFacts] {
        var path = [leaf]
        while let tip = path.last, !tip.isSelfIssued,
            let issuer = chain.first(where: { $0.subject == tip.issuer && !path.contains($0) })
        {
            path.append(issuer)
        }
        return path
    }

    private static func expiry(of path: [CertificateFacts], at time: Date) -> TLSScanResult.Finding {
        if let expired = path.first(where: { $0.notAfter < time }) {
            return .present("\(expired.subject) expired on \(day(expired.notAfter))")
        }
        let soonest = path.map(\.notAfter).min()!
        return .absent("every certificate of the path is valid until at least \(day(soonest))")
    }

    private static func notYetValid(_ path: [CertificateFacts], at time: Date) -> TLSScanResult.Finding {
        if let early = path.first(where: { $0.notBefore > time }) {
            return .present("\(early.subject) is valid only from \(day(early.notBefore))")
        }
        return .absent("every certificate of the path is already valid")
    }

    /// The first certificate of `path` with a weak `aspect`, else a pass naming the leaf's.
    private static func worst(
        _ path: [CertificateFacts], _ aspect: String, _ isWeak: (CertificateFacts) -> Bool,
        _ describe: (CertificateFacts) -> String
    ) -> TLSScanResult.Finding {
        if let weak = path.first(where: isWeak) {
            return .present("\(weak.subject) has \(aspect) \(describe(weak))")
        }
        let listed = path.map(describe).joined(separator: ", ")
        return .absent("\(aspect)s of the path: \(listed)")
    }

    private static func hostname(_ name: String, leaf: CertificateFacts) -> TLSScanResult.Finding {
        let names = leaf.dnsNames + leaf.ipAddresses
        guard !names.isEmpty else {
            return .present("the leaf has no subjectAltName; clients no longer read names from the subject")
        }
        let listed = names.prefix(8).joined(separator: ", ") + (names.count > 8 ? " …" : "")
        if HostnameMatch.covers(leaf, name: name) { return .absent("\(name) is covered by \(listed)") }
        return .present("\(name) is not among \(listed)")
    }

    private static func completeness(
        _ path: [CertificateFacts], leaf: CertificateFacts, trustStore: Result<TrustStore, TrustStoreError>
    ) -> TLSScanResult.Finding {
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
            let reasons = Set(failures.map { String($0.policyFailureReason.description.prefix(300)) }).sorted().prefix(
                3)
            let detail = reasons.isEmpty ? "" : ": " + reasons.joined(separator: "; ")
            return .present("no chain to a root in \(store.source) verifies\(detail)")
        }
    }

    private static func day(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day())
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
