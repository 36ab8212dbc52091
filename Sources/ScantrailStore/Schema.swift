/// The store's tables, as versioned migrations applied in order on open. One schema for both
/// backends: only types both SQLite and PostgreSQL read alike (TEXT, BIGINT), times in
/// milliseconds since 1970, JSON as TEXT.
enum Schema {
    /// Each migration's version and statements. Append only; never edit a published one.
    static let migrations: [(version: Int, statements: [String])] = [
        (
            1,
            [
                """
                CREATE TABLE scans (
                    id TEXT PRIMARY KEY, seq BIGINT NOT NULL UNIQUE, target TEXT NOT NULL,
                    observed_at BIGINT NOT NULL, finished_at BIGINT NOT NULL, recorded_at BIGINT NOT NULL,
                    completion TEXT NOT NULL, scanner_version TEXT NOT NULL, catalogue_version TEXT NOT NULL,
                    configuration TEXT NOT NULL, counts TEXT NOT NULL, requests_sent BIGINT NOT NULL)
                """,
                "CREATE INDEX scans_by_target ON scans (target, seq)",
                """
                CREATE TABLE check_evidence (
                    scan_id TEXT NOT NULL, check_id TEXT NOT NULL, status TEXT NOT NULL, reason TEXT,
                    duration_ms BIGINT NOT NULL, requests_sent BIGINT NOT NULL, sha256 TEXT NOT NULL, evidence TEXT,
                    PRIMARY KEY (scan_id, check_id))
                """,
                """
                CREATE TABLE outcomes (
                    scan_id TEXT NOT NULL, fingerprint TEXT NOT NULL, rule_id TEXT NOT NULL, check_id TEXT NOT NULL,
                    status TEXT NOT NULL, origin TEXT NOT NULL, method TEXT, path TEXT NOT NULL, discriminator TEXT,
                    detail TEXT NOT NULL, PRIMARY KEY (scan_id, fingerprint))
                """,
                """
                CREATE TABLE findings (
                    fingerprint TEXT PRIMARY KEY, target TEXT NOT NULL, rule_id TEXT NOT NULL, check_id TEXT NOT NULL,
                    severity TEXT NOT NULL, title TEXT NOT NULL, origin TEXT NOT NULL, method TEXT, path TEXT NOT NULL,
                    discriminator TEXT, status TEXT NOT NULL, first_scan TEXT NOT NULL, first_seen_at BIGINT NOT NULL,
                    last_scan TEXT NOT NULL, last_seen_at BIGINT NOT NULL, last_evidence_sha TEXT NOT NULL,
                    last_detail TEXT NOT NULL, due_at BIGINT, fixed_scan TEXT, fixed_at BIGINT,
                    reopen_count BIGINT NOT NULL, accept_status TEXT, accept_reason TEXT, accept_by TEXT,
                    accept_at BIGINT, accept_expires_at BIGINT)
                """,
                "CREATE INDEX findings_by_status_due ON findings (status, due_at)",
                "CREATE INDEX findings_by_target ON findings (target, status)",
                """
                CREATE TABLE audit_log (
                    seq BIGINT PRIMARY KEY, at BIGINT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
                    subject TEXT NOT NULL, details TEXT NOT NULL, previous_hash TEXT NOT NULL, hash TEXT NOT NULL)
                """,
                "CREATE INDEX audit_by_subject ON audit_log (subject, seq)",
                "CREATE INDEX audit_by_time ON audit_log (at)",
            ]
        ),
        (
            2,
            [
                // The whole result as recorded (canonical JSON, redacted as every report is), so any
                // report format can be rendered again from a recorded scan.
                "CREATE TABLE scan_reports (scan_id TEXT PRIMARY KEY, report TEXT NOT NULL)"
            ]
        ),
        (
            3,
            [
                // The audit chain's head signed with the installation's key, at every recorded scan
                // and export: a rewrite that recomputes every hash no longer matches them.
                """
                CREATE TABLE audit_checkpoints (
                    seq BIGINT NOT NULL, hash TEXT NOT NULL, at BIGINT NOT NULL, key_id TEXT NOT NULL,
                    signature TEXT NOT NULL, PRIMARY KEY (seq, key_id, at))
                """
            ]
        ),
        (
            4,
            [
                // API keys of the web service: only the SHA-256 of each secret is kept.
                """
                CREATE TABLE api_keys (
                    id TEXT PRIMARY KEY, name TEXT NOT NULL, secret_sha256 TEXT NOT NULL UNIQUE, scopes TEXT NOT NULL,
                    created_at BIGINT NOT NULL, created_by TEXT NOT NULL, expires_at BIGINT, last_used_at BIGINT,
                    revoked_at BIGINT)
                """
            ]
        ),
        (
            5,
            [
                // The dashboard's counts, kept current by every write that changes a finding, so
                // they are read without counting a million rows; and indexes that serve a page of
                // findings in due-date order without sorting the table.
                """
                CREATE TABLE finding_counts (
                    target TEXT NOT NULL, status TEXT NOT NULL, severity TEXT NOT NULL, n BIGINT NOT NULL,
                    PRIMARY KEY (target, status, severity))
                """,
                """
                INSERT INTO finding_counts (target, status, severity, n)
                SELECT target, status, severity, COUNT(*) FROM findings GROUP BY target, status, severity
                """,
                // One index per filter the dashboard pages with (state; state and severity; a
                // target's, with or without severity), each in due-date order with the fingerprint
                // as tie-break; they replace version 1's two findings indexes, their prefixes.
                "DROP INDEX findings_by_status_due",
                "DROP INDEX findings_by_target",
                "CREATE INDEX findings_page ON findings (status, due_at, fingerprint)",
                "CREATE INDEX findings_page_by_severity ON findings (status, severity, due_at, fingerprint)",
                "CREATE INDEX findings_page_by_target ON findings (target, status, due_at, fingerprint)",
                "CREATE INDEX findings_page_by_target_severity ON findings (target, status, severity, due_at, fingerprint)",
            ]
        ),
        (
            6,
            [
                // Targets scanned on a schedule: what to scan, when next, and whether paused.
                """
                CREATE TABLE monitored_targets (
                    id TEXT PRIMARY KEY, url TEXT NOT NULL UNIQUE, schedule TEXT NOT NULL, description TEXT,
                    identities_from TEXT, created_at BIGINT NOT NULL, created_by TEXT NOT NULL,
                    next_run_at BIGINT NOT NULL, paused_at BIGINT)
                """,
                "CREATE INDEX monitored_targets_due ON monitored_targets (next_run_at)",
            ]
        ),
        (
            7,
            [
                // The workers' queue: one row per due scan, claimed under a lease that heartbeats
                // renew; `attempts` fences a claim (a taken-over job's old worker can no longer
                // renew or complete it).
                """
                CREATE TABLE scan_jobs (
                    id TEXT PRIMARY KEY, target_id TEXT NOT NULL, url TEXT NOT NULL, due_at BIGINT NOT NULL,
                    run_at BIGINT NOT NULL, state TEXT NOT NULL, attempts BIGINT NOT NULL,
                    max_attempts BIGINT NOT NULL, worker TEXT, lease_until BIGINT, heartbeat_at BIGINT,
                    scan_id TEXT, last_error TEXT, created_at BIGINT NOT NULL, started_at BIGINT,
                    finished_at BIGINT)
                """,
                // One scan of a target at a time.
                "CREATE UNIQUE INDEX scan_jobs_active ON scan_jobs (target_id) WHERE state IN ('queued', 'running')",
                "CREATE INDEX scan_jobs_claimable ON scan_jobs (state, run_at)",
                "CREATE INDEX scan_jobs_by_target ON scan_jobs (target_id, created_at)",
            ]
        ),
        (
            8,
            [
                // Alerts and their delivery to each webhook: one row per alert and webhook (the
                // key makes a repeated evaluation raise nothing twice), with its attempts.
                """
                CREATE TABLE alert_deliveries (
                    id TEXT PRIMARY KEY, alert_key TEXT NOT NULL, webhook TEXT NOT NULL, kind TEXT NOT NULL,
                    target TEXT NOT NULL, summary TEXT NOT NULL, payload TEXT NOT NULL, state TEXT NOT NULL,
                    attempts BIGINT NOT NULL, next_attempt_at BIGINT NOT NULL, last_status BIGINT, last_error TEXT,
                    created_at BIGINT NOT NULL, delivered_at BIGINT, UNIQUE (alert_key, webhook))
                """,
                "CREATE INDEX alert_deliveries_due ON alert_deliveries (state, next_attempt_at)",
                "CREATE INDEX alert_deliveries_by_time ON alert_deliveries (created_at)",
            ]
        ),
        (
            9,
            [
                // Remediation tickets: one per finding, in GitHub Issues or Jira, and where it stands.
                """
                CREATE TABLE tickets (
                    fingerprint TEXT PRIMARY KEY, target TEXT NOT NULL, tracker TEXT NOT NULL, ticket_key TEXT NOT NULL,
                    url TEXT NOT NULL, state TEXT NOT NULL, closed_as TEXT, created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL)
                """,
                "CREATE INDEX tickets_by_target ON tickets (target, state)",
            ]
        ),
    ]

    /// Applies the migrations not applied yet, under the write lock, so concurrent openers agree.
    static func migrate(_ database: any SQLDatabase, now: Int64) async throws {
        try await database.execute([
            SQLStatement(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)")
        ])
        try await database.write(reading: [SQLStatement("SELECT version FROM schema_migrations")]) { rows in
            let applied = Set(try rows[0].map { try $0.integer("version") })
            let pending = migrations.filter { !applied.contains(Int64($0.version)) }
            let statements = pending.flatMap { migration in
                migration.statements.map { SQLStatement($0) }
                    + [
                        SQLStatement(
                            "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                            [.int(migration.version), .integer(now)])
                    ]
            }
            return (statements, ())
        }
    }
}
