import Foundation
import ScantrailCore
import ScantrailOpenAPI

/// Where a logout operation is documented: obtains a second credential for an identity that
/// can get one (a login recipe, OAuth2 client credentials), checks that it opens a secured
/// operation the anonymous request cannot, logs it out, and replays it. The identity's own
/// credential is never logged out.
public struct LogoutCheck: SecurityCheck {
    /// What the check observed.
    public struct Evidence: Codable, Sendable {
        /// `scheme://host:port`.
        public let origin: String
        /// `POST /logout`; `nil` when none is documented.
        public let logout: String?
        /// Why the test could not run.
        public let notTested: String?
        /// The secured operation replayed, as the second credential before logging out.
        public let before: ExchangeRecord?
        /// The logout request's answer.
        public let loggedOut: ExchangeRecord?
        /// The same secured request after logging out.
        public let after: ExchangeRecord?
    }

    private let api: APIUnderTest

    /// A check over `api`'s logout operation.
    public init(api: APIUnderTest) {
        self.api = api
    }

    public static let metadata = CheckMetadata(
        id: "auth.logout", title: "Tokens die when their session is logged out", rules: Rules.all,
        phase: .disruptive)

    /// Path segments and operation ids that name a logout.
    static let logoutWords: Set<String> = ["logout", "signout", "logoff"]

    /// The documented logout operations: the last path segment or the operation id names one.
    static func isLogout(_ operation: APIOperation) -> Bool {
        let fold = { (text: String) in text.lowercased().filter(\.isLetter) }
        let segment = operation.path.split(separator: "/").last.map { fold(String($0)) } ?? ""
        return logoutWords.contains(segment) || logoutWords.contains { fold(operation.operationID ?? "").contains($0) }
    }

    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence {
        func untested(_ logout: APIOperation?, _ reason: String) -> Evidence {
            Evidence(
                origin: target.origin, logout: logout?.label, notTested: reason, before: nil, loggedOut: nil, after: nil
            )
        }
        guard let logout = api.inventory.operations.first(where: Self.isLogout) else {
            return untested(nil, "no logout operation documented")
        }
        guard !logout.isUnsafe || context.configuration.active else { return untested(logout, logout.passiveModeNote) }
        guard let renewing = api.identities.first(where: { $0.renewal != nil }), let renewal = renewing.renewal else {
            return untested(
                logout,
                "no identity can obtain a second credential (a login recipe or client credentials): logging out its only one would end the scan's session"
            )
        }
        let fresh = try await renewal.fresh()
        let book = try await api.values(on: target, context: context)
        let secrets = api.secrets + fresh.secrets
        // The replay must reach the server: an earlier identical answer would say nothing.
        func send(_ operation: APIOperation, _ name: String, _ credential: Identity.Credential?, fresh: Bool = false)
            async throws -> ExchangeRecord
        {
            let values = book.values(for: operation, as: renewing)
            var request = api.request(operation, on: target, values: values, credential: credential)
            request.acceptsEarlierAnswer = !fresh
            return ExchangeRecord(try await context.http.send(request), sentAs: name, secrets: secrets)
        }
        // The replayed operation: a secured GET that the fresh credential opens and no credential does.
        let candidates = api.inventory.operations.filter {
            $0.isSecured && !$0.isUnsafe && book.fills($0, as: renewing)
        }
        for operation in candidates.prefix(3) {
            let before = try await send(operation, "second credential", fresh)
            guard before.succeeded, !ResponseSimilarity.resembles(try await send(operation, "anonymous", nil), before)
            else { continue }
            let loggedOut = try await send(logout, "second credential", fresh)
            guard loggedOut.succeeded else {
                return Evidence(
                    origin: target.origin, logout: logout.label, notTested: "the logout answered \(loggedOut.summary)",
                    before: before, loggedOut: loggedOut, after: nil)
            }
            let after = try await send(operation, "second credential, logged out", fresh, fresh: true)
            return Evidence(
                origin: target.origin, logout: logout.label, notTested: nil, before: before, loggedOut: loggedOut,
                after: after)
        }
        return untested(
            logout,
            "no secured GET among the first \(min(3, candidates.count)) answered the credential and refused no credential"
        )
    }

    public func evaluate(_ evidence: Evidence) -> [Outcome] {
        let location = Location(origin: evidence.origin, operation: evidence.logout ?? "")
        guard let logout = evidence.logout else {
            return [
                .notApplicable(
                    Rules.validAfterLogout, at: Location(origin: evidence.origin, method: nil, path: "/"),
                    evidence.notTested ?? "")
            ]
        }
        guard let before = evidence.before, let after = evidence.after, evidence.notTested == nil else {
            return [.inconclusive(Rules.validAfterLogout, at: location, evidence.notTested ?? "not tested")]
        }
        let comparison =
            "\(after.method) \(URL(string: after.url)?.path ?? after.url) after \(logout): \(after.summary); before: \(before.summary)"
        return [
            ResponseSimilarity.resembles(after, before)
                ? .failed(Rules.validAfterLogout, at: location, "still answered like before — \(comparison)")
                : .passed(Rules.validAfterLogout, at: location, comparison)
        ]
    }
}
