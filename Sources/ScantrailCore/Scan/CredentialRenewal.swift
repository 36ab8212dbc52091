import Foundation
import Synchronization

/// Keeps an expiring credential (an OAuth2 access token, a login session) fresh: the credential
/// is fetched again when it has expired or will within a tenth of its lifetime (at most 30 s),
/// and once when the API refuses it (401) after it had worked — a session the server ended early.
public final class CredentialRenewal: Sendable, Hashable {
    /// Obtains a credential and when it expires (`nil`: never).
    public typealias Fetch = @Sendable () async throws -> (Identity.Credential, expiresAt: Date?)

    private struct State {
        var credential: Identity.Credential
        var expiresAt: Date?
        var obtainedAt: Date
    }

    /// The one sign-in again after a refusal: not yet asked, under way, or done.
    private enum Again {
        case unasked
        case fetching(Task<Identity.Credential, any Error>)
        case done
    }

    private let fetch: Fetch
    private let state: Mutex<State>
    private let renewals = Mutex(0)
    private let worked = Mutex(false)
    private let again = Mutex(Again.unasked)

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

    /// The credential kept, as it is now (not renewed).
    public var latest: Identity.Credential { state.withLock { $0.credential } }

    /// Notes that a request carrying `credential` succeeded: a later refusal of it means the
    /// session ended, not that it never worked.
    public func worked(with credential: Identity.Credential) {
        if latest == credential { worked.withLock { $0 = true } }
    }

    /// The credential to send instead of `refused`, which the API answered 401 after it had
    /// worked: fetched again once per scan (whoever asks first; the others wait for it), the one
    /// kept when another request already replaced `refused`. `nil` when it never worked, or the
    /// one sign-in again is spent.
    ///
    /// - Throws: what fetching throws.
    public func signInAgain(after refused: Identity.Credential) async throws -> Identity.Credential? {
        let kept = latest
        if kept != refused { return kept }
        guard worked.withLock({ $0 }) else { return nil }
        let task = again.withLock { again -> Task<Identity.Credential, any Error>? in
            switch again {
            case .done: return nil
            case .fetching(let task): return task
            case .unasked:
                let task = Task { [self] in
                    let (renewed, expiresAt) = try await fetch()
                    renewals.withLock { $0 += 1 }
                    state.withLock { $0 = State(credential: renewed, expiresAt: expiresAt, obtainedAt: Date()) }
                    return renewed
                }
                again = .fetching(task)
                return task
            }
        }
        guard let task else { return nil }
        let renewed = try await task.value
        again.withLock { $0 = .done }
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
