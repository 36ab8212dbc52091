import Foundation
import ScantrailCore

/// Looks for response headers that name the server software or framework and its version,
/// which tells an attacker which published vulnerabilities to try.
public struct VersionDisclosureCheck: SecurityCheck {
    public typealias Evidence = ResponseEvidence

    /// Headers whose mere presence names the framework.
    static let frameworkHeaders = ["X-Powered-By", "X-AspNet-Version", "X-AspNetMvc-Version", "X-Generator"]
    /// Headers that are fine unless they carry a version number.
    static let productHeaders = ["Server"]

    /// Creates the check.
    public init() {}

    public static let metadata = CheckMetadata(
        id: "headers.version-disclosure",
        title: "Software version disclosure",
        rules: [Rules.versionDisclosure]
    )

    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> ResponseEvidence {
        try await .baseURL(of: target, context: context, followRedirects: true)
    }

    public func evaluate(_ evidence: ResponseEvidence) -> [Outcome] {
        let rule = Rules.versionDisclosure
        let watched = Self.productHeaders + Self.frameworkHeaders
        let response: HTTPExchange.Response
        switch evidence.exchange.judgeable {
        case .failure(let reason):
            return watched.map { .inconclusive(rule, at: evidence.location.with(discriminator: $0), reason.text) }
        case .success(let received):
            response = received
        }
        return watched.map { name in
            let location = evidence.location.with(discriminator: name)
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
