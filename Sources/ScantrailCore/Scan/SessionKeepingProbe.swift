import Foundation
import Synchronization

/// Wraps a scan's HTTP probe so that an identity whose session the API ends in mid-scan signs
/// in again, once: a request carrying an identity's kept credential that is answered 401 after
/// that credential had worked is sent again with the credential the identity's renewal fetches
/// anew (``CredentialRenewal/signInAgain(after:)``). Requests carrying anything else — no
/// credential, a garbage or forged token, a spent logout token — pass untouched. Each sign-in
/// again is noted (``notes``), with whether the new credential was taken.
public final class SessionKeepingProbe: HTTPProbing {
    /// One identity's sign-in after a refusal.
    public struct Note: Codable, Sendable, Hashable {
        /// The identity's name.
        public let identity: String
        /// The request that was refused, `GET https://api.example.com/orders` (URL redacted).
        public let refused: String
        /// The status of the same request sent again with the new credential, or why it got none.
        public let retried: String
    }

    private let inner: any HTTPProbing
    private let identities: [Identity]
    private let kept = Mutex<[Note]>([])

    /// Wraps `inner` for `identities` (those without a renewal are never signed in again).
    public init(_ inner: any HTTPProbing, identities: [Identity]) {
        self.inner = inner
        self.identities = identities.filter { $0.renewal != nil }
    }

    /// The sign-ins again so far, in the order they happened.
    public var notes: [Note] { kept.withLock { $0 } }

    public func send(_ request: ProbeRequest) async throws -> HTTPExchange {
        let exchange = try await inner.send(request)
        guard let status = exchange.response?.status,
            let (identity, credential) = identities.lazy.compactMap({ identity in
                identity.renewal.map { (identity, $0.latest) }
            }).first(where: { $0.1.isCarried(by: request) }),
            let renewal = identity.renewal
        else { return exchange }
        if (200..<300).contains(status) { renewal.worked(with: credential) }
        guard status == 401, let renewed = try? await renewal.signInAgain(after: credential), renewed != credential
        else { return exchange }
        let retried = try await inner.send(credential.replaced(by: renewed, in: request))
        kept.withLock {
            $0.append(
                Note(
                    identity: identity.name, refused: "\(request.method) \(Redaction.url(request.url))",
                    retried: retried.response.map { "\($0.status)" }
                        ?? "no response (\(retried.failure.map { "\($0)" } ?? "unknown"))"))
        }
        return retried
    }
}

extension Identity.Credential {
    /// Whether `request` carries this credential where it goes.
    func isCarried(by request: ProbeRequest) -> Bool {
        switch self {
        case .header(let name, let value):
            return request.headers.contains { $0.name.lowercased() == name.lowercased() && $0.value == value }
        case .cookie(let name, let value):
            return request.headers.contains {
                $0.name.lowercased() == "cookie" && $0.value.contains("\(name)=\(value)")
            }
        case .query:
            let applied = Identity.apply(self, to: ProbeRequest(url: "x")).url.dropFirst(2)
            return request.url.contains(applied)
        }
    }

    /// `request` carrying `other` where it carried this credential.
    func replaced(by other: Identity.Credential, in request: ProbeRequest) -> ProbeRequest {
        var request = request
        switch (self, other) {
        case (.header(let name, let value), .header(_, let new)):
            request.headers = request.headers.map {
                $0.name.lowercased() == name.lowercased() && $0.value == value
                    ? HeaderField(name: $0.name, value: new) : $0
            }
        case (.cookie(let name, let value), .cookie(_, let new)):
            request.headers = request.headers.map {
                $0.name.lowercased() == "cookie"
                    ? HeaderField(
                        name: $0.name,
                        value: $0.value.replacingOccurrences(of: "\(name)=\(value)", with: "\(name)=\(new)")) : $0
            }
        case (.query, .query):
            let old = Identity.apply(self, to: ProbeRequest(url: "x")).url.dropFirst(2)
            let new = Identity.apply(other, to: ProbeRequest(url: "x")).url.dropFirst(2)
            request.url = request.url.replacingOccurrences(of: old, with: new)
        default:
            break
        }
        return request
    }
}
