import Foundation
import Synchronization

/// Keeps an expiring credential (an OAuth2 access token, a login session) fresh: the credential
/// is fetched again when it has expired or will within a tenth of its lifetime (at most 30 s).
public final class CredentialRenewal: Sendable, Hashable {
    /// Obtains a credential and when it expires (`nil`: never).
    public typealias Fetch = @Sendable () async throws -> (Identity.Credential, expiresAt: Date?)

    private struct State {
        var credential: Identity.Credential
        var expiresAt: Date?
        var obtainedAt: Date
    }

    private let fetch: Fetch
    private let state: Mutex<State>
    private let renewals = Mutex(0)

    /// Starts from `credential` obtained now, expiring at `expiresAt`; `fetch` renews it.
    public init(credential: Identity.Credential, expiresAt: Date?, fetch: @escaping Fetch) {
        self.fetch = fetch
        self.state = Mutex(State(credential: credential, expiresAt: expiresAt, obtainedAt: Date()))
    }

    /// Times the credential was fetched again.
    public var renewalCount: Int { renewals.withLock { $0 } }

    /// The credential to send at `now`, fetched again first when it is (nearly) expired.
    public func current(now: Date = Date()) async throws -> Identity.Credential {
        let (credential, stale) = state.withLock { state -> (Identity.Credential, Bool) in
            guard let expiresAt = state.expiresAt else { return (state.credential, false) }
            let margin = min(30, max(0, expiresAt.timeIntervalSince(state.obtainedAt)) / 10)
            return (state.credential, now >= expiresAt.addingTimeInterval(-margin))
        }
        guard stale else { return credential }
        let (renewed, expiresAt) = try await fetch()
        renewals.withLock { $0 += 1 }
        state.withLock { $0 = State(credential: renewed, expiresAt: expiresAt, obtainedAt: Date()) }
        return renewed
    }

    /// A credential obtained now, apart from the one kept: for a test that spends it (a
    /// logout) without ending the identity's session.
    public func fresh() async throws -> Identity.Credential {
        try await fetch().0
    }

    public static func == (lhs: CredentialRenewal, rhs: CredentialRenewal) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
