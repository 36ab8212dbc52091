import Foundation

/// Runs the built `scantrail` executable as a user would, without blocking a thread while it runs.
enum Scantrail {
    /// What a run left behind.
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The executable SwiftPM built beside this test bundle.
    static let executable: URL = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = bundle.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("scantrail")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue
            {
                return candidate
            }
            directory.deleteLastPathComponent()
        }
        fatalError("the scantrail executable is not beside \(bundle.path); build it with 'swift build'")
    }()

    /// Runs `scantrail arguments…` to completion.
    ///
    /// - Parameter whileRunning: Called with the process once it started (e.g. to signal it).
    /// - Parameter database: The evidence store for the run (`SCANTRAIL_DATABASE`); by default
    ///   a fresh file in the run's temporary folder, so no test touches the user's store.
    static func run(
        _ arguments: [String],
        database: String? = nil,
        environment extra: [String: String] = [:],
        whileRunning: @escaping @Sendable (Process, URL) async throws -> Void = { _, _ in }
    ) async throws -> Run {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "scantrail-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stdoutURL = directory.appendingPathComponent("stdout")
        let stderrURL = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
        environment["SCANTRAIL_DATABASE"] = database ?? directory.appendingPathComponent("scantrail.db").path
        environment["SCANTRAIL_CONFIG"] = nil
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        let status = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: error)
                return
            }
            Task { try await whileRunning(process, stderrURL) }
        }
        return Run(
            status: status,
            stdout: try String(contentsOf: stdoutURL, encoding: .utf8),
            stderr: try String(contentsOf: stderrURL, encoding: .utf8)
        )
    }

    /// A fresh path in the temporary folder for a database.
    static func databasePath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("scantrail-db-\(UUID().uuidString)/trail.db").path
    }

    /// A fresh path in the temporary folder for a report.
    static func reportPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("scantrail-report-\(UUID().uuidString).json").path
    }

    /// The repository root, for the committed docs.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
