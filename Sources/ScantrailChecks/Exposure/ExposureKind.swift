import ScantrailCore

/// A family of sensitive files or endpoints, each reported under its own rule.
public enum ExposureKind: String, Codable, Sendable, CaseIterable {
    case versionControl = "exposure.version-control"
    case secretsFile = "exposure.secrets-file"
    case configurationFile = "exposure.configuration-file"
    case privateKey = "exposure.private-key"
    case backup = "exposure.backup-or-dump"
    case logFile = "exposure.log-file"
    case springActuator = "exposure.spring-actuator"
    case debugEndpoint = "exposure.debug-endpoint"
    case metrics = "exposure.metrics"
    case dependencyManifest = "exposure.dependency-manifest"
    case apiDocumentation = "exposure.api-documentation"
    case graphQLConsole = "exposure.graphql-console"
    case directoryListing = "exposure.directory-listing"
    case crossDomainPolicy = "exposure.cross-domain-policy"

    private static let files = ControlMapping(tsc: [.cc6_1, .c1_1], owasp: [.api8], cwe: [CWE(538), CWE(552)])

    /// The rule this kind reports.
    public var rule: Rule {
        switch self {
        case .versionControl:
            Rule(
                id: rawValue, title: "Version-control metadata is served", severity: .high,
                description:
                    "Files such as `.git/config` or `.svn/wc.db` are downloadable. They let anyone rebuild the source code, its history and often credentials committed to it.",
                remediation:
                    "Do not deploy VCS folders; deny `/.git`, `/.svn`, `/.hg` and similar paths at the web server.",
                mapping: ControlMapping(tsc: [.cc6_1, .c1_1], owasp: [.api8, .api9], cwe: [CWE(527), CWE(538)]))
        case .secretsFile:
            Rule(
                id: rawValue, title: "A file of secrets is served", severity: .critical,
                description:
                    "An environment or credentials file (`.env`, `.aws/credentials`, `.npmrc`, `.htpasswd`…) is downloadable with the keys, passwords or tokens in it.",
                remediation:
                    "Remove the file from the web root, deny dotfiles at the web server, and rotate every secret it held: assume they are known.",
                mapping: ControlMapping(tsc: [.cc6_1, .c1_1], owasp: [.api8], cwe: [CWE(538), CWE(552), CWE(798)]))
        case .configurationFile:
            Rule(
                id: rawValue, title: "A configuration file is served", severity: .high,
                description:
                    "Deployment or application configuration (`docker-compose.yml`, `appsettings.json`, `web.config`, `application.yml`…) is downloadable; it maps the infrastructure and often holds connection strings.",
                remediation:
                    "Keep configuration out of the web root and deny such paths; rotate any credential it contained.",
                mapping: Self.files)
        case .privateKey:
            Rule(
                id: rawValue, title: "A private key is served", severity: .critical,
                description:
                    "A PEM private key is downloadable. Whatever it protects (TLS, SSH, signing) must be considered compromised.",
                remediation: "Remove the key from the web root, revoke and replace it, and find how it got there.",
                mapping: ControlMapping(tsc: [.cc6_1, .cc6_7, .c1_1], owasp: [.api8], cwe: [CWE(321), CWE(552)]))
        case .backup:
            Rule(
                id: rawValue, title: "A backup or database dump is served", severity: .high,
                description:
                    "A database dump or archive is downloadable: data, schema and often credentials in one file.",
                remediation:
                    "Never store backups under the web root; delete the file and review who could have downloaded it.",
                mapping: ControlMapping(tsc: [.cc6_1, .c1_1], owasp: [.api8], cwe: [CWE(530), CWE(552)]))
        case .logFile:
            Rule(
                id: rawValue, title: "A log file is served", severity: .medium,
                description:
                    "Application or server logs are downloadable; they leak internals, stack traces, user data and sometimes tokens.",
                remediation: "Write logs outside the web root and deny `*.log` paths.",
                mapping: ControlMapping(tsc: [.cc6_1, .c1_1], owasp: [.api8], cwe: [CWE(532), CWE(552)]))
        case .springActuator:
            Rule(
                id: rawValue, title: "Spring Boot actuator endpoints are open", severity: .high,
                description:
                    "Actuator endpoints such as `/actuator/env` or `/actuator/heapdump` answer without authentication, exposing configuration, secrets in memory and internals.",
                remediation:
                    "Expose only `health` (and `info`) publicly: `management.endpoints.web.exposure.include=health`, and protect the rest.",
                mapping: ControlMapping(tsc: [.cc6_1, .c1_1], owasp: [.api8], cwe: [CWE(215), CWE(538)]))
        case .debugEndpoint:
            Rule(
                id: rawValue, title: "A debug or status page is open", severity: .medium,
                description:
                    "A diagnostics endpoint (Go pprof or expvar, phpinfo, Apache server-status, ELMAH, a Werkzeug console…) is reachable from outside.",
                remediation:
                    "Disable the endpoint in production or restrict it to an internal network or authenticated operators.",
                mapping: ControlMapping(tsc: [.cc6_1, .cc6_6], owasp: [.api8], cwe: [CWE(215), CWE(200)]))
        case .metrics:
            Rule(
                id: rawValue, title: "Metrics are public", severity: .low,
                description:
                    "A Prometheus-style metrics endpoint answers anyone, revealing internals, traffic and sometimes labels with data.",
                remediation: "Serve metrics on an internal port or require authentication for the scraper.",
                mapping: ControlMapping(tsc: [.cc6_6], owasp: [.api8], cwe: [CWE(200)]))
        case .dependencyManifest:
            Rule(
                id: rawValue, title: "A dependency manifest is served", severity: .low,
                description:
                    "`package.json`, `composer.lock` and similar files list exact dependency versions, which points attackers at known vulnerabilities.",
                remediation: "Do not deploy manifests and lock files to the web root.",
                mapping: ControlMapping(tsc: [.cc6_1], owasp: [.api8, .api9], cwe: [CWE(200), CWE(538)]))
        case .apiDocumentation:
            Rule(
                id: rawValue, title: "API documentation is public", severity: .low,
                description:
                    "An OpenAPI/Swagger document, a documentation UI, a WSDL or an AsyncAPI file is public. That can be intended; if it is not, it maps every endpoint, including undocumented or internal ones.",
                remediation:
                    "Publish documentation deliberately; otherwise require authentication for it, and keep it in step with the deployed API.",
                mapping: ControlMapping(tsc: [.cc7_1], owasp: [.api9], cwe: [CWE(200)]))
        case .graphQLConsole:
            Rule(
                id: rawValue, title: "A GraphQL console is public", severity: .low,
                description:
                    "GraphiQL, GraphQL Playground, Altair or Voyager is served in production, inviting exploration of the schema.",
                remediation: "Serve consoles only in development builds.",
                mapping: ControlMapping(tsc: [.cc6_6], owasp: [.api8], cwe: [CWE(200)]))
        case .directoryListing:
            Rule(
                id: rawValue, title: "Directory listing is enabled", severity: .medium,
                description:
                    "The server lists a folder's files, revealing names of backups, uploads and other files that were never meant to be linked.",
                remediation: "Turn off automatic indexes (nginx `autoindex off;`, Apache `Options -Indexes`).",
                mapping: ControlMapping(tsc: [.cc6_1, .c1_1], owasp: [.api8], cwe: [CWE(548)]))
        case .crossDomainPolicy:
            Rule(
                id: rawValue, title: "A cross-domain policy allows every origin", severity: .medium,
                description:
                    "`crossdomain.xml` or `clientaccesspolicy.xml` grants any domain access, so plugin-based clients on any site can read responses with the user's cookies.",
                remediation: "Remove the policy file, or list only the domains that need access.",
                mapping: ControlMapping(tsc: [.cc6_6], owasp: [.api8], cwe: [CWE(942)]))
        }
    }

    /// Whether a hit is an endpoint of the API's surface (its documentation, a console, metrics,
    /// a listing) rather than a file whose content is the secret: only those become places the
    /// surface checks walk, so no exposed secret is copied into their evidence.
    var isSurface: Bool {
        [.apiDocumentation, .graphQLConsole, .metrics, .directoryListing].contains(self)
    }
}
