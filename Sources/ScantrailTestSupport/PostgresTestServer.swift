import Foundation
import ScantrailStore

#if canImport(Glibc)
    import Glibc
#endif

/// A real PostgreSQL server for the tests, on 127.0.0.1: the one named by
/// `SCANTRAIL_TEST_POSTGRES_URL` if set, otherwise one this process starts from the installed
/// PostgreSQL binaries in a temporary folder (as the `postgres` user when running as root) and
/// stops when it exits.
public actor PostgresTestServer {
    /// The one server of this test process.
    public static let shared = PostgresTestServer()

    /// Why the server could not be started.
    public struct StartFailed: Error, CustomStringConvertible {
        public let description: String
    }

    private var url: Task<String, any Error>?

    /// The server's URL (database `postgres`), starting the server on first use; concurrent
    /// callers share the one start.
    public func baseURL() async throws -> String {
        if let url { return try await url.value }
        let task = Task<String, any Error> {
            if let configured = ProcessInfo.processInfo.environment["SCANTRAIL_TEST_POSTGRES_URL"], !configured.isEmpty
            {
                return configured
            }
            return try await Self.offThePool { try Self.start() }
        }
        url = task
        return try await task.value
    }

    /// The URL of a new, empty schema on the server (`search_path` set), so that a test's store
    /// shares nothing with another's.
    public func freshSchemaURL() async throws -> String {
        let name = "s\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        let base = try await baseURL()
        try await PostgresDatabase.withDatabase(url: base) {
            try await $0.execute([SQLStatement("CREATE SCHEMA \(name)")])
        }
        return base + (base.contains("?") ? "&" : "?") + "search_path=\(name)"
    }

    /// Runs blocking work (spawning and waiting for processes) on a thread of its own, so the
    /// cooperative pool that serves the other tests' in-process servers is never starved.
    private static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    private static func start() throws -> String {
        guard let bin = Self.binaries() else {
            throw StartFailed(
                description:
                    "PostgreSQL is not installed (apt-get install postgresql) and SCANTRAIL_TEST_POSTGRES_URL is unset")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scantrail-pg-\(getpid())").path
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if geteuid() == 0 {
            try Self.run("/bin/chown", ["postgres:postgres", folder], asPostgres: false)
        }
        let data = folder + "/data"
        try Self.run(bin + "/initdb", ["-D", data, "-U", "scantrail", "--auth=trust", "-E", "UTF8", "--no-sync"])
        // A port free when checked can be taken before postgres binds it: try another, a few times.
        var attempt = 0
        var port = 0
        while true {
            attempt += 1
            port = try Self.freePort()
            do {
                try Self.run(
                    bin + "/pg_ctl",
                    [
                        "-D", data, "-l", folder + "/server.log", "-w", "-t", "60", "-o",
                        "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
                        "start",
                    ])
                break
            } catch {
                let log = (try? String(contentsOfFile: folder + "/server.log", encoding: .utf8)) ?? ""
                guard attempt < 3 else {
                    throw StartFailed(description: "\(error); server.log ends: \(log.suffix(600))")
                }
            }
        }
        stopCommand = [bin + "/pg_ctl", "-D", data, "-m", "immediate", "stop"]
        atexit {
            guard let command = PostgresTestServer.stopCommand else { return }
            try? PostgresTestServer.run(command[0], Array(command.dropFirst()))
        }
        return "postgres://scantrail@127.0.0.1:\(port)/postgres?sslmode=disable"
    }

    /// How to stop the server this process started.
    nonisolated(unsafe) static var stopCommand: [String]?

    private static func binaries() -> String? {
        let candidates = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
            .map { "/usr/lib/postgresql/\($0)/bin" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0 + "/pg_ctl") }
    }

    /// Runs a command to completion (as `postgres` when this process is root), failing on a
    /// non-zero exit. Spawned and reaped directly: the server it starts outlives it, and
    /// Foundation's `Process` does not always notice such a child exit.
    static func run(_ executable: String, _ arguments: [String], asPostgres: Bool = true) throws {
        let argv =
            asPostgres && geteuid() == 0
            ? ["/usr/sbin/runuser", "-u", "postgres", "--", executable] + arguments : [executable] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        InheritedDescriptors.closeAll(in: &actions)
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ) == 0 else {
            throw StartFailed(description: "cannot run \(argv[0])")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else {
            throw StartFailed(description: "\(executable) exited with status \(status)")
        }
    }

    /// A port nothing listens on right now, below Linux's ephemeral range (32768 and up) so
    /// that the other tests' servers, which bind port 0, do not take it in the meantime.
    private static func freePort() throws -> Int {
        for _ in 0..<50 {
            let port = Int.random(in: 20_000..<32_000)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                    bind(fd, pointer, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            if bound { return port }
        }
        throw StartFailed(description: "no free port between 20000 and 32000")
    }
}
