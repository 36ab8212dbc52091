import Foundation
import ScantrailDemo
import ScantrailTestSupport
import Testing

@Suite("The scantrail command line, run as a user runs it")
struct CLITests {
    @Test("the demo scans a misconfigured API in-process and prints its findings")
    func demo() async throws {
        let run = try await Scantrail.run(["demo"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("demo API (deliberately misconfigured) on http://127.0.0.1:"))
        for rule in [
            "transport.cleartext-http", "headers.version-disclosure", "headers.x-content-type-options-missing",
        ] {
            #expect(run.stdout.contains(rule))
        }
        #expect(run.stdout.contains(" run · outcomes: "))
    }

    @Test(
        "the exit status follows --fail-on",
        arguments: [("high", Int32(1)), ("none", 0), ("critical", 1), ("low", 1)]
    )
    func failOn(threshold: String, expected: Int32) async throws {
        let run = try await LocalHTTPServer.withRunning(DemoAPI.router(.misconfigured)) { port in
            try await Scantrail.run(["scan", "http://127.0.0.1:\(port)/", "--quiet", "--fail-on", threshold])
        }
        #expect(run.status == expected)
        #expect(run.stderr.isEmpty)
    }

    @Test("the JSON report written with --output follows the documented schema, secrets redacted")
    func jsonReport() async throws {
        let path = Scantrail.reportPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try await LocalHTTPServer.withRunning(DemoAPI.router(.misconfigured)) { port in
            try await Scantrail.run([
                "scan", "http://127.0.0.1:\(port)/", "--format", "json", "--output", path,
                "--header", "Authorization: Bearer s3cr3t-token", "--fail-on", "none",
            ])
        }
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("report written to \(path)"))
        #expect(try await ReportSchema.errors(in: path) == "")
        let report = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!report.contains("s3cr3t-token"))
        #expect(!report.contains("Tr0ub4dor-demo") && !report.contains("demo-not-a-real-secret"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])
        #expect(json["schemaVersion"] as? String == "1.1")
        #expect((json["findings"] as? [Any])?.count == 12)
    }

    @Test(
        "bad input gets one clear line and exit status 2",
        arguments: [
            (["scan", "ftp://example.com"], "unsupported scheme 'ftp'"),
            (["scan", "api.example.com"], "has no scheme; did you mean https://api.example.com?"),
            (["scan", "http://exa mple.com/"], "is not a valid URL"),
            (["scan", "http://127.0.0.1:1/", "--budget", "0"], "--budget must be at least 1"),
            (["scan", "http://127.0.0.1:1/", "--check", "nope"], "--check 'nope' is unknown"),
            (["scan", "http://127.0.0.1:1/", "--header", "no-colon"], "is not of the form 'Name: value'"),
            (
                ["scan", "http://127.0.0.1:1/", "--output", "/nonexistent-dir/r.json"],
                "folder /nonexistent-dir does not exist"
            ),
            (["scan", "http://127.0.0.1:1/", "--bogus"], "Unknown option '--bogus'"),
            (["scan"], "Missing expected argument '<url>'"),
        ]
    )
    func badInput(arguments: [String], message: String) async throws {
        let run = try await Scantrail.run(arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains(message))
        #expect(run.stdout.isEmpty)
    }

    @Test("--log-level trace logs every exchange, URLs redacted and no header value; --verbose each check as it ends")
    func logging() async throws {
        try await LocalHTTPServer.withRunning(DemoAPI.router(.hardened)) { port in
            let secret = "s3cr3t-header-value"
            let traced = try await Scantrail.run([
                "scan", "http://127.0.0.1:\(port)/", "--no-store", "--quiet", "--fail-on", "none", "--log-level",
                "trace",
                "--check", "headers.security", "--header", "X-Api-Key: \(secret)",
            ])
            #expect(traced.status == 0, "\(traced.stderr)")
            #expect(
                traced.stderr.contains("http.method=GET")
                    && traced.stderr.contains("http.url=http://127.0.0.1:\(port)/"))
            #expect(traced.stderr.contains("scan started") && !traced.stderr.contains(secret))
            let verbose = try await Scantrail.run([
                "scan", "http://127.0.0.1:\(port)/", "--no-store", "--quiet", "--fail-on", "none", "-v",
                "--check", "headers.security",
            ])
            #expect(verbose.stderr.contains("check finished") && verbose.stderr.contains("check.id=headers.security"))
            #expect(!verbose.stderr.contains("http.method"))
            let quiet = try await Scantrail.run([
                "scan", "http://127.0.0.1:\(port)/", "--no-store", "--quiet", "--fail-on", "none", "--check",
                "headers.security",
            ])
            #expect(quiet.stderr.isEmpty)
        }
    }

    @Test("--proxy sends the whole scan through the proxy, and the report says which one, credential hidden")
    func throughProxy() async throws {
        try await TinyProxy.withRunning(credentials: ("scantrail", "s3cret-proxy")) { proxyPort in
            try await LocalHTTPServer.withRunning(DemoAPI.router(.misconfigured)) { port in
                let run = try await Scantrail.run([
                    "scan", "http://127.0.0.1:\(port)/", "--no-store", "--quiet", "--format", "json", "--fail-on",
                    "none", "--timeout", "60",
                    "--proxy", "http://scantrail:s3cret-proxy@127.0.0.1:\(proxyPort)",
                ])
                #expect(run.status == 0, "\(run.stderr)")
                let report = try #require(
                    try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
                let proxy = (report["configuration"] as? [String: Any])?["proxy"] as? [String: Any]
                #expect(proxy?["port"] as? Int == proxyPort && proxy?["authorization"] as? String == "Basic [REDACTED]")
                #expect((report["findings"] as? [Any])?.count == 12)
                #expect(!run.stdout.contains("s3cret-proxy"))
                // With a wrong password, the proxy's refusal (tinyproxy answers 401) is what every request
                // gets, where the API itself answers 200: the proxy was in the path.
                let refused = try await Scantrail.run([
                    "scan", "http://127.0.0.1:\(port)/", "--no-store", "--quiet", "--format", "json", "--fail-on",
                    "none",
                    "--check", "headers.security", "--proxy", "http://scantrail:wrong@127.0.0.1:\(proxyPort)",
                ])
                let checks = try #require(
                    (try JSONSerialization.jsonObject(with: Data(refused.stdout.utf8)) as? [String: Any])?["checks"]
                        as? [[String: Any]])
                let exchange = (checks.first?["evidence"] as? [String: Any])?["exchange"] as? [String: Any]
                let status = (exchange?["response"] as? [String: Any])?["status"] as? Int
                #expect(status == 401 || status == 407, "\(refused.stderr)")
            }
        }
    }

    @Test("an unreachable target exits 3 with one line and no report")
    func unreachable() async throws {
        try await ClosedPort.withReserved { closedPort in
            let run = try await Scantrail.run(["scan", "http://127.0.0.1:\(closedPort)/"])
            #expect(run.status == 3)
            #expect(run.stderr == "scantrail: cannot reach http://127.0.0.1:\(closedPort)/: connection refused\n")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test("a scan that hits its deadline writes a report marked incomplete and exits 3")
    func deadline() async throws {
        let path = Scantrail.reportPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try await LocalHTTPServer.withRunning(SlowAPI.router()) { port in
            try await Scantrail.run([
                "scan", "http://127.0.0.1:\(port)/", "--deadline", "1", "--format", "json", "--output", path, "--quiet",
                "--fail-on", "critical",
            ])
        }
        #expect(run.status == 3)
        #expect(try await ReportSchema.errors(in: path) == "")
        let report = try String(contentsOfFile: path, encoding: .utf8)
        #expect(report.contains(#""reason" : "deadline""#))
        #expect(report.contains("interrupted: scan deadline reached"))
    }

    @Test("Ctrl-C stops the scan, still writes the partial report, and exits 130")
    func interrupt() async throws {
        let path = Scantrail.reportPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try await LocalHTTPServer.withRunning(SlowAPI.router()) { port in
            try await Scantrail.run(["scan", "http://127.0.0.1:\(port)/", "--format", "json", "--output", path]) {
                process, stderr in
                for _ in 0..<300 {
                    if let text = try? String(contentsOf: stderr, encoding: .utf8), text.contains("scantrail: running ")
                    {
                        break
                    }
                    try await Task.sleep(for: .milliseconds(50))
                }
                process.interrupt()
            }
        }
        #expect(run.status == 130)
        #expect(run.stderr.contains("interrupted; stopping and writing a partial report"))
        let report = try String(contentsOfFile: path, encoding: .utf8)
        #expect(report.contains(#""reason" : "cancelled""#))
    }

    @Test("docs/rules.md is what 'scantrail rules --format markdown' generates")
    func rulesDocument() async throws {
        let run = try await Scantrail.run(["rules", "--format", "markdown"])
        let committed = try String(
            contentsOf: Scantrail.repositoryRoot.appendingPathComponent("docs/rules.md"), encoding: .utf8
        )
        #expect(run.status == 0)
        #expect(
            run.stdout == committed,
            "docs/rules.md is stale: run 'swift run scantrail rules --format markdown > docs/rules.md'")
    }

    @Test("the notices of the key lists built into the binary are the ones shipped beside them")
    func notices() async throws {
        let run = try await Scantrail.run(["notices"])
        let lists = Scantrail.repositoryRoot.appendingPathComponent("Sources/CScantrailKeys/lists")
        let mit = try String(contentsOf: lists.appendingPathComponent("jwt-secrets.LICENSE"), encoding: .utf8)
        let scowl = try String(contentsOf: lists.appendingPathComponent("english-words.COPYRIGHT"), encoding: .utf8)
        #expect(run.status == 0)
        #expect(run.stdout == mit + "\n" + scowl)
    }

    @Test("help and version exit 0 on standard output")
    func help() async throws {
        let help = try await Scantrail.run(["scan", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--fail-on"))
        let version = try await Scantrail.run(["--version"])
        #expect(version.status == 0 && version.stdout == "0.1.0\n")
    }
}
