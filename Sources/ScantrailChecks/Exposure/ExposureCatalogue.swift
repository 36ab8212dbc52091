/// The sensitive files and endpoints the exposure check looks for, each with what its real
/// content looks like. A status code alone never makes a finding.
public enum ExposureCatalogue {
    static let envFile = #"(?m)^[A-Z][A-Z0-9_]*\s*=\s*\S"#
    static let envSecret = #"(?i)(key|secret|passw|token|dsn|database_url|credential)"#
    static let privateKey = #"-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY-----"#
    static let sqlDump = #"(?i)(CREATE TABLE|INSERT INTO|-- MySQL dump|PostgreSQL database dump)"#
    static let logLine = #"(?i)(error|exception|warn|fatal|stack ?trace)"#
    static let timestamp = #"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}"#
    static let prometheus = #"(?m)^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]*"#
    static let openAPI = #"(?i)"(openapi"\s*:\s*"3\.|swagger"\s*:\s*"2\.0)"#
    static let openAPIYAML = #"(?im)^(openapi:\s*["']?3\.|swagger:\s*["']?2\.0)"#
    static let listing = #"(?i)(<title>Index of /|Directory listing for /)"#
    static let gzip = "1f8b"
    static let zip = "504b0304"

    /// Every probe, in a stable order.
    public static let probes: [ExposureProbe] = [
        // Version control
        .text("/.git/config", .versionControl, #"(?m)^\s*\[core\]"#),
        .text("/.git/HEAD", .versionControl, #"^ref: refs/"#),
        .text("/.git/logs/HEAD", .versionControl, #"(?m)^[0-9a-f]{40} [0-9a-f]{40} "#),
        .binary("/.git/index", .versionControl, magic: "44495243"),
        .text("/.svn/entries", .versionControl, #"^\d+\s*\n"#, #"(?m)^dir$"#),
        .binary("/.svn/wc.db", .versionControl, magic: "53514c69746520666f726d6174203300"),
        .text("/.hg/hgrc", .versionControl, #"(?m)^\s*\[(paths|ui)\]"#),
        .text("/.hg/requires", .versionControl, #"(?m)^(revlogv1|store|fncache|dotencode)$"#),
        .text("/.bzr/README", .versionControl, #"(?i)bazaar"#),
        .text("/CVS/Root", .versionControl, #"^:(pserver|ext|local|gserver):"#),
        .text("/CVS/Entries", .versionControl, #"(?m)^/[^/]+/[0-9.]+/"#),
        .binary("/.DS_Store", .versionControl, magic: "0000000142756431"),
        // Secrets
        .text("/.env", .secretsFile, envFile, envSecret),
        .text("/.env.local", .secretsFile, envFile, envSecret),
        .text("/.env.production", .secretsFile, envFile, envSecret),
        .text("/.env.prod", .secretsFile, envFile, envSecret),
        .text("/.env.development", .secretsFile, envFile, envSecret),
        .text("/.env.dev", .secretsFile, envFile, envSecret),
        .text("/.env.staging", .secretsFile, envFile, envSecret),
        .text("/.env.backup", .secretsFile, envFile, envSecret),
        .text("/.env.bak", .secretsFile, envFile, envSecret),
        .text("/.env.old", .secretsFile, envFile, envSecret),
        .text("/api/.env", .secretsFile, envFile, envSecret),
        .text("/app/.env", .secretsFile, envFile, envSecret),
        .text("/backend/.env", .secretsFile, envFile, envSecret),
        .text("/config/.env", .secretsFile, envFile, envSecret),
        .text("/.aws/credentials", .secretsFile, #"(?i)aws_access_key_id"#),
        .text("/.npmrc", .secretsFile, #"_authToken\s*="#),
        .text("/.pypirc", .secretsFile, #"(?m)^\s*\[(pypi|distutils)\]"#, #"(?i)(password|username)\s*[:=]"#),
        .text("/.netrc", .secretsFile, #"(?m)machine\s+\S+\s+login\s+\S+"#),
        .text("/.htpasswd", .secretsFile, #"(?m)^[^:\s]+:(\$apr1\$|\$2[aby]\$|\{SHA\}|\$[156]\$)"#),
        .text("/.git-credentials", .secretsFile, #"https?://[^:/\s]+:[^@\s]+@"#),
        .text("/.docker/config.json", .secretsFile, #""auths"\s*:"#),
        .text("/sftp-config.json", .secretsFile, #""host"\s*:"#, #""password"\s*:"#),
        .text("/.vscode/sftp.json", .secretsFile, #""host"\s*:"#, #""password"\s*:"#),
        // Configuration
        .text("/docker-compose.yml", .configurationFile, #"(?m)^services:\s*$"#),
        .text("/docker-compose.yaml", .configurationFile, #"(?m)^services:\s*$"#),
        .text("/docker-compose.prod.yml", .configurationFile, #"(?m)^services:\s*$"#),
        .text("/Dockerfile", .configurationFile, #"(?mi)^FROM\s+\S+"#),
        .text("/appsettings.json", .configurationFile, #""ConnectionStrings"\s*:"#),
        .text("/appsettings.Production.json", .configurationFile, #""ConnectionStrings"\s*:"#),
        .text("/web.config", .configurationFile, #"<configuration"#, #"(connectionStrings|machineKey|appSettings)"#),
        .text("/config/database.yml", .configurationFile, #"(?m)^\s*adapter:\s*\S+"#),
        .text("/config/secrets.yml", .configurationFile, #"secret_key_base:"#),
        .text("/settings.py", .configurationFile, #"SECRET_KEY\s*="#),
        .text("/config.php", .configurationFile, #"<\?php"#, #"(?i)(db_pass|password)"#),
        .text("/config.json", .configurationFile, #"^\s*\{"#, #"(?i)"[a-z_]*(password|secret|api_?key)[a-z_]*"\s*:"#),
        .text("/config.yml", .configurationFile, #"(?im)^\s*[a-z_]*(password|secret|api_?key)[a-z_]*\s*:"#),
        .text("/application.properties", .configurationFile, #"(?m)^spring\.[a-z.]+="#),
        .text("/application.yml", .configurationFile, #"(?m)^spring:\s*$"#),
        .text("/.gitlab-ci.yml", .configurationFile, #"(?m)^(stages|script|image|before_script):"#),
        .text("/.travis.yml", .configurationFile, #"(?m)^(language|script|install):"#),
        // Private keys
        .text("/id_rsa", .privateKey, privateKey),
        .text("/.ssh/id_rsa", .privateKey, privateKey),
        .text("/id_ed25519", .privateKey, privateKey),
        .text("/.ssh/id_ed25519", .privateKey, privateKey),
        .text("/server.key", .privateKey, privateKey),
        .text("/key.pem", .privateKey, privateKey),
        .text("/private.pem", .privateKey, privateKey),
        .text("/privkey.pem", .privateKey, privateKey),
        // Backups and dumps
        .text("/backup.sql", .backup, sqlDump),
        .text("/dump.sql", .backup, sqlDump),
        .text("/db.sql", .backup, sqlDump),
        .text("/database.sql", .backup, sqlDump),
        .text("/data.sql", .backup, sqlDump),
        .binary("/backup.zip", .backup, magic: zip),
        .binary("/backup.tar.gz", .backup, magic: gzip),
        .binary("/site.tar.gz", .backup, magic: gzip),
        .text("/wp-config.php.bak", .backup, #"DB_PASSWORD"#),
        // Logs
        .text("/error.log", .logFile, timestamp, logLine),
        .text("/debug.log", .logFile, timestamp, logLine),
        .text("/logs/error.log", .logFile, timestamp, logLine),
        .text("/storage/logs/laravel.log", .logFile, #"(local|production|staging)\.(ERROR|WARNING|INFO)"#),
        .text("/npm-debug.log", .logFile, #"(npm ERR!|verbose cli)"#),
        .text("/access.log", .logFile, #""(GET|POST|HEAD) /[^ ]* HTTP/"#),
        // Spring Boot actuator
        .text("/actuator/env", .springActuator, #""(activeProfiles|propertySources)"\s*:"#),
        .binary("/actuator/heapdump", .springActuator, magic: gzip, "4a4156412050524f46494c45"),
        .text("/actuator/mappings", .springActuator, #""(dispatcherServlets|contexts)"\s*:"#),
        .text("/actuator/configprops", .springActuator, #""contexts"\s*:"#, #""prefix"\s*:"#),
        .text("/actuator/threaddump", .springActuator, #""threads"\s*:"#, #""threadName"\s*:"#),
        .text("/actuator/loggers", .springActuator, #""levels"\s*:"#, #""loggers"\s*:"#),
        .text("/actuator/httptrace", .springActuator, #""traces"\s*:"#),
        .text("/actuator/beans", .springActuator, #""beans"\s*:"#, #""scope"\s*:"#),
        .text(
            "/env", .springActuator, #""(profiles|activeProfiles)"\s*:"#, #""(systemProperties|propertySources)"\s*:"#),
        .text("/jolokia", .springActuator, #""agent"\s*:"#, #""protocol"\s*:"#),
        // Debug and status pages
        .page("/debug/pprof/", .debugEndpoint, #"/debug/pprof/"#, #"(goroutine|heap)"#),
        .text("/debug/vars", .debugEndpoint, #""memstats"\s*:"#),
        .page("/phpinfo.php", .debugEndpoint, #"PHP Version"#, #"(phpinfo\(\)|PHP Credits|Configuration File)"#),
        .page("/info.php", .debugEndpoint, #"PHP Version"#, #"(phpinfo\(\)|PHP Credits|Configuration File)"#),
        .page("/server-status", .debugEndpoint, #"Apache Server Status"#),
        .page("/server-info", .debugEndpoint, #"Apache Server Information"#),
        .text("/nginx_status", .debugEndpoint, #"Active connections:\s*\d+"#),
        .page("/elmah.axd", .debugEndpoint, #"Error Log for"#),
        .page("/trace.axd", .debugEndpoint, #"Application Trace"#),
        .page("/console", .debugEndpoint, #"(?i)werkzeug"#, #"(__debugger__|Interactive Console)"#),
        .page("/_profiler", .debugEndpoint, #"(?i)symfony profiler"#),
        // Metrics
        .text("/metrics", .metrics, prometheus),
        .text("/actuator/prometheus", .metrics, prometheus),
        .text("/prometheus", .metrics, prometheus),
        // Dependency manifests
        .text("/package.json", .dependencyManifest, #""(dependencies|devDependencies)"\s*:"#),
        .text("/package-lock.json", .dependencyManifest, #""lockfileVersion"\s*:"#),
        .text("/composer.lock", .dependencyManifest, #""packages"\s*:"#),
        .text("/composer.json", .dependencyManifest, #""require"\s*:"#),
        .text("/Gemfile.lock", .dependencyManifest, #"(?m)^GEM\s*$"#, #"(?m)^\s+remote:"#),
        .text("/yarn.lock", .dependencyManifest, #"(?m)^# yarn lockfile"#),
        // API documentation
        .text("/openapi.json", .apiDocumentation, openAPI, #""paths"\s*:"#),
        .text("/openapi.yaml", .apiDocumentation, openAPIYAML, #"(?m)^paths:"#),
        .text("/swagger.json", .apiDocumentation, openAPI, #""paths"\s*:"#),
        .text("/swagger.yaml", .apiDocumentation, openAPIYAML, #"(?m)^paths:"#),
        .text("/v2/api-docs", .apiDocumentation, openAPI, #""paths"\s*:"#),
        .text("/v3/api-docs", .apiDocumentation, openAPI, #""paths"\s*:"#),
        .text("/api-docs", .apiDocumentation, openAPI, #""paths"\s*:"#),
        .text("/api/swagger.json", .apiDocumentation, openAPI, #""paths"\s*:"#),
        .text("/api/openapi.json", .apiDocumentation, openAPI, #""paths"\s*:"#),
        .page("/swagger-ui.html", .apiDocumentation, #"swagger-ui"#),
        .page("/swagger-ui/", .apiDocumentation, #"swagger-ui"#),
        .page("/docs", .apiDocumentation, #"(swagger-ui|redoc)"#),
        .page("/redoc", .apiDocumentation, #"redoc"#),
        .text("/postman_collection.json", .apiDocumentation, #""info"\s*:"#, #""item"\s*:"#),
        .text("/asyncapi.json", .apiDocumentation, #""asyncapi"\s*:"#),
        .text("/?wsdl", .apiDocumentation, #"<(wsdl:)?definitions"#),
        // GraphQL consoles
        .page("/graphiql", .graphQLConsole, #"(?i)graphiql"#),
        .page("/playground", .graphQLConsole, #"(?i)graphql[ -]playground"#),
        .page("/altair", .graphQLConsole, #"(?i)altair"#, #"(?i)graphql"#),
        .page("/voyager", .graphQLConsole, #"(?i)graphql-voyager"#),
        // Directory listings
        .page("/backup/", .directoryListing, listing),
        .page("/backups/", .directoryListing, listing),
        .page("/uploads/", .directoryListing, listing),
        .page("/files/", .directoryListing, listing),
        .page("/logs/", .directoryListing, listing),
        .page("/static/", .directoryListing, listing),
        // Cross-domain policies
        .text("/crossdomain.xml", .crossDomainPolicy, #"<allow-access-from\s+domain\s*=\s*"\*""#),
        .text("/clientaccesspolicy.xml", .crossDomainPolicy, #"<domain\s+uri\s*=\s*"\*""#),
    ]
}
