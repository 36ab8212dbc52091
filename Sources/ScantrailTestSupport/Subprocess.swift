import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with posix_spawn, its standard output and error read through one
/// pipe. (Foundation's `Process` wedges on Linux when several threads wait on processes at
/// once, as the test suite's parallel tests do.) Blocking calls run on threads of their own.
public final class Subprocess: @unchecked Sendable {
    /// Why a process could not be started, or ended without what was expected.
    public struct Failed: Error, CustomStringConvertible {
        /// What went wrong.
        public let description: String
    }

    private let pid: pid_t
    private let output: Int32

    /// Starts `arguments[0]` (looked up on PATH) with standard input from /dev/null.
    public init(_ arguments: [String]) throws {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw Failed(description: "no pipe") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 2)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
        InheritedDescriptors.closeAll(in: &actions)
        var cArguments = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, &cArguments, environ)
        close(pipeEnds[1])
        guard spawned == 0 else {
            close(pipeEnds[0])
            throw Failed(description: "cannot run \(arguments[0])")
        }
        self.pid = pid
        self.output = pipeEnds[0]
    }

    /// Runs `arguments` to completion; returns its exit status and output.
    public static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await Subprocess(arguments).finish()
    }

    /// Reads output until `match` finds what it looks for (returned), then keeps reading and
    /// dropping output until the process ends, so that it never blocks on a full pipe.
    public func firstMatch<Found: Sendable>(_ match: @escaping @Sendable (String) -> Found?) async throws -> Found {
        let found: Found? = await withCheckedContinuation { continuation in
            Thread {
                var text = ""
                var resumed = false
                var buffer = [UInt8](repeating: 0, count: 4096)
                while case let count = read(self.output, &buffer, buffer.count), count > 0 {
                    guard !resumed else { continue }
                    text += String(decoding: buffer[..<count], as: UTF8.self)
                    if let found = match(text) {
                        resumed = true
                        continuation.resume(returning: found)
                    }
                }
                if !resumed { continuation.resume(returning: nil) }
                close(self.output)
                _ = self.waitForExit()
            }.start()
        }
        guard let found else { throw Failed(description: "the process ended without the expected output") }
        return found
    }

    /// Ends the process.
    public func kill() {
        send(SIGKILL)
    }

    /// Sends `signal` to the process (`SIGTERM` to ask it to stop).
    public func send(_ signal: Int32) {
        _ = Glibc.kill(pid, signal)
    }

    /// Waits for the process to end; its exit status and everything it wrote. (Not with ``firstMatch(_:)``,
    /// which reads the same output.)
    public func finish() async -> (status: Int32, output: String) {
        await Self.onThread {
            let text = self.readToEnd()
            return (self.waitForExit(), text)
        }
    }

    private func readToEnd() -> String {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while case let count = read(output, &buffer, buffer.count), count > 0 {
            data += buffer[..<count]
        }
        close(output)
        return String(decoding: data, as: UTF8.self)
    }

    private func waitForExit() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status
    }

    private static func onThread<Result: Sendable>(_ work: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: work()) }.start()
        }
    }
}
