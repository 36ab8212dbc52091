import Foundation
import ScantrailCore

extension CertificateReport {
    /// Judges an observed chain at `time`, without I/O: the same observation and moment always
    /// give the same verdicts, so stored evidence re-evaluates to the same outcomes.
    ///
    /// - Parameters:
    ///   - observation: the chain as read and checked against the trust store.
    ///   - time: the moment expiry is judged at (the observation's, for stored evidence).
    ///   - warningDays: days before expiry that count as expiring soon.
    public static func judge(_ observation: ChainObservation, at time: Date, warningDays: Int) -> CertificateReport {
        let (chain, expectedName) = (observation.chain, observation.expectedName)
        guard observation.leafIsReadable, let leaf = chain.first else {
            let reason = observation.untrusted
            return CertificateReport(
                evaluatedAt: time, trustStore: observation.trustStore, expectedName: expectedName,
                expiryWarningDays: warningDays, chain: chain, unreadable: observation.unreadable, daysLeft: nil,
                expired: reason, notYetValid: reason, expiringSoon: reason, hostnameMismatch: reason, weakKey: reason,
                weakSignature: reason, selfSigned: reason, incompleteChain: reason, untrusted: reason)
        }
        let path = ChainObservation.issuerPath(from: leaf, among: chain)
        let issued = path.filter { !$0.isSelfIssued || $0 == leaf }
        let daysLeft = Int(leaf.notAfter.timeIntervalSince(time) / 86_400)
        return CertificateReport(
            evaluatedAt: time, trustStore: observation.trustStore, expectedName: expectedName,
            expiryWarningDays: warningDays, chain: chain, unreadable: observation.unreadable, daysLeft: daysLeft,
            expired: expiry(of: path, at: time), notYetValid: notYetValid(path, at: time),
            expiringSoon: daysLeft < 0
                ? .absent("already expired")
                : daysLeft <= warningDays
                    ? .present("the leaf expires on \(Timestamp.day(leaf.notAfter)), in \(daysLeft) days")
                    : .absent("the leaf is valid for \(daysLeft) more days"),
            hostnameMismatch: hostname(expectedName, leaf: leaf),
            weakKey: worst(issued, "key", \.hasWeakKey, \.publicKey),
            weakSignature: worst(issued, "signature", \.hasWeakSignature, \.signatureAlgorithm),
            selfSigned: leaf.isSelfIssued
                ? .present("the leaf \(leaf.subject) is issued by itself")
                : .absent("the leaf is issued by \(leaf.issuer)"),
            incompleteChain: observation.incompleteChain, untrusted: observation.untrusted)
    }

    private static func expiry(of path: [CertificateFacts], at time: Date) -> TLSScanResult.Finding {
        if let expired = path.first(where: { $0.notAfter < time }) {
            return .present("\(expired.subject) expired on \(Timestamp.day(expired.notAfter))")
        }
        let soonest = path.map(\.notAfter).min()!
        return .absent("every certificate of the path is valid until at least \(Timestamp.day(soonest))")
    }

    private static func notYetValid(_ path: [CertificateFacts], at time: Date) -> TLSScanResult.Finding {
        if let early = path.first(where: { $0.notBefore > time }) {
            return .present("\(early.subject) is valid only from \(Timestamp.day(early.notBefore))")
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

}
