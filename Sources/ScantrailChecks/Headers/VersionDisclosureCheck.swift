import Foundation
import ScantrailCore

/// Looks for response headers that name the server software or framework and its version,
/// which tells an attacker which published vulnerabilities to try: at the base URL and, with a
/// description, at every documented operation (without one, the places learnt), since one route
/// served by another stack (`X-Powered-By: PHP/7.4` on `/legacy/export` only) is enough. A
/// banner on every place is one finding for the host (``HostWide``).
public struct VersionDisclosureCheck: SecurityCheck {
    public typealias Evidence = SurfaceEvidence

    /// Headers whose mere presence names the framework.
    static let frameworkHeaders = ["X-Powered-By", "X-AspNet-Version", "X-AspNetMvc-Version", "X-Generator"]
    /// Headers that are fine unless they carry a version number.
    static let productHeaders = ["Server"]

    private let scope: SurfaceScope

    /// A check of the base URL and of what `scope` adds.
    public init(_ scope: SurfaceScope = .baseURL) {
        self.scope = scope
    }

    public static let metadata = CheckMetadata(
        id: "headers.version-disclosure",
        title: "Software version disclosure",
        rules: [Rules.versionDisclosure]
    )

    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> SurfaceEvidence {
        try await .collect(target, scope: scope, context: context, followRedirects: true)
    }

    /// Evidence recorded when only the base URL was judged decodes with no operations.
    public func evaluate(_ evidence: SurfaceEvidence) -> [Outcome] {
        let watched = Self.productHeaders + Self.frameworkHeaders
        let rule = Rules.versionDisclosure
        let judged = evidence.judged([rule]) { response, _, place in Self.judge(response, watched, at: place) }
        // An answer that never came is inconclusive for each watched header, at its own place.
        return judged.flatMap { outcome in
            guard outcome.status == .inconclusive, outcome.location.discriminator == nil else { return [outcome] }
            return watched.map { .inconclusive(rule, at: outcome.location.with(discriminator: $0), outcome.detail) }
        }
    }

    /// The watched headers of one answer at `place`.
    private static func judge(_ response: HTTPExchange.Response, _ watched: [String], at place: Location) -> [Outcome] {
        let rule = Rules.versionDisclosure
        return watched.map { name in
            let location = place.with(discriminator: name)
            guard let value = response.headers.first(name) else {
                return .passed(rule, at: location, "\(name) is absent")
            }
            if Self.frameworkHeaders.contains(name) || Self.containsVersion(value) {
                return .failed(rule, at: location, "\(name): \(value)")
            }
            return .passed(rule, at: location, "\(name): \(value) (no version)")
        }
    }

    /// Whether `value` carries something like `1.18`, `2.4.41` or `/7`.
    static func containsVersion(_ value: String) -> Bool {
        value.range(of: #"(\d+\.\d+)|(/\d)"#, options: .regularExpression) != nil
    }
}

extension VersionDisclosureCheck {
    /// The rules this check reports.
    public enum Rules {
        /// A header discloses the software or its version.
        public static let versionDisclosure = Rule(
            id: "headers.version-disclosure",
            title: "Response headers disclose software and version",
            severity: .low,
            description: """
                Headers such as `Server: nginx/1.18.0` or `X-Powered-By: Express` tell anyone which software and \
                version answers, so they can pick known vulnerabilities without probing. It is also a sign that \
                defaults were never hardened.
                """,
            remediation: """
                Remove `X-Powered-By`, `X-AspNet-Version` and similar headers, and strip the version from `Server` \
                (nginx `server_tokens off;`, Apache `ServerTokens Prod`, Express `app.disable('x-powered-by')`).
                """,
            references: ["https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/"],
            mapping: ControlMapping(tsc: [.cc6_6, .cc7_1], owasp: [.api8], cwe: [CWE(200), CWE(497)])
        )
    }
}
