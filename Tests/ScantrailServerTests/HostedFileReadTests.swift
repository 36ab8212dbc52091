import Foundation
import Logging
import ScantrailApp
import ScantrailCore
import ScantrailDemo
import ScantrailHTTP
import Synchronization
import Testing

@testable import ScantrailServer

/// Every line the server logs, at every level.
final class LogCapture: LogHandler, @unchecked Sendable {
    private let captured = Mutex<[String]>([])
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        captured.withLock { $0.append("\(event.message) \(event.metadata ?? [:]) \(metadata)") }
    }

    /// The lines so far.
    var lines: [String] { captured.withLock { $0 } }

    /// A logger writing here.
    var logger: Logger { Logger(label: "scantrail.server", factory: { _ in self }) }
}

@Suite("A stranger cannot make a hosted instance read its own files: a description is a URL or nothing")
struct HostedFileReadTests {
    /// A secret file whose first line holds a canary, and a valid OpenAPI description titled with
    /// another, in a fresh folder.
    struct Canaries {
        let secret: String
        let description: String
        /// In the secret's first line and the description's title and path.
        let word: String

        init() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("canary-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            word = "canary\(UUID().uuidString.prefix(8))"
            secret = folder.appendingPathComponent("secret.env").path
            try Data("DB_PASSWORD=\(word)-secret\nREST=1\n".utf8).write(to: URL(fileURLWithPath: secret))
            description = folder.appendingPathComponent("openapi.json").path
            let document = """
                {"openapi": "3.0.3", "info": {"title": "\(word)-title", "version": "1"},
                 "paths": {"/\(word)-path": {"get": {"responses": {"200": {"description": "ok"}}}}}}
                """
            try Data(document.utf8).write(to: URL(fileURLWithPath: description))
        }
    }

    /// `path` as an attacker spells it: as is, with spaces, as a `file:` URL in any case, relative
    /// to the server's working folder, and behind an `HTTP://` in capitals that climbs out.
    static func spellings(of path: String) -> [String] {
        let depth = FileManager.default.currentDirectoryPath.split(separator: "/").count
        let relative = String(repeating: "../", count: depth) + path.dropFirst()
        return [
            path, " \(path)", "\t\(path)\n", "file://\(path)", "FILE://\(path)", "file:\(path)", relative,
            "./\(relative)", "HTTP://127.0.0.1:1/../../../..\(path)", " http://127.0.0.1:1/../..\(path)",
        ]
    }

    static func settings() -> ServerSettings {
        var settings = WebServerTests.settings()
        settings.anonymousScansPerHour = 1_000
        settings.anonymousScansPerHostPerHour = 1_000
        return settings
    }

    /// What the server shows about a submission, its own ids left out: the answer's status and
    /// body and, once accepted, the scan's status, page, events and JSON report — where an
    /// imported description would list its operations.
    static func everything(_ base: String, answer: HTTPExchange) async throws -> String {
        var seen = "\(answer.response?.status ?? 0) " + WebServerTests.body(answer)
        let location = answer.response?.headers.first("Location") ?? ""
        if let id = location.split(separator: "/").last.map(String.init), id.count == 22 {
            let status = try await WebServerTests.finished(base, id)
            seen += "\(status["status"] ?? "") \(status["reason"] ?? "")"
            for path in ["/scans/\(id)", "/scans/\(id)/events", "/api/v1/scans/\(id)/report?format=json"] {
                seen += WebServerTests.body(try await WebServerTests.send(ProbeRequest(url: base + path)))
            }
            seen = seen.replacingOccurrences(of: id, with: "ID")
        }
        return seen.replacing(/\d{4}-\d\d-\d\dT[0-9:.]+Z|\d+(\.\d+)? ?(s|ms)\b|"durationSeconds":[0-9.]+/, with: "")
    }

    /// Submits `description` with a scan of `target` through the API (or the form) and returns all it shows.
    static func shown(_ base: String, target: String, description: String, form: Bool = false) async throws -> String {
        if form {
            let answer = try await WebServerTests.submit(
                base, url: target, openapi: description, csrf: try await WebServerTests.form(base))
            return try await everything(base, answer: answer)
        }
        let escaped = String(data: try JSONEncoder().encode(description), encoding: .utf8)!
        let answer = try await WebServerTests.send(
            ProbeRequest(
                method: "POST", url: "\(base)/api/v1/scans",
                headers: [HeaderField(name: "Content-Type", value: "application/json")],
                body: Data(#"{"url": "\#(target)", "openapi": \#(escaped)}"#.utf8)))
        return try await everything(base, answer: answer)
    }

    @Test(
        "the secret file and a valid description on the server's disk, in every spelling, through the API and the form")
    func spelledPaths() async throws {
        let canaries = try Canaries()
        let missing = canaries.secret + ".missing"
        let log = LogCapture()
        try await LocalHTTPServer.withRunning(DemoAPI.router(.hardened)) { api in
            try await WebServer.withRunning(Self.settings(), logger: log.logger) { port in
                let base = "http://127.0.0.1:\(port)"
                let target = "http://127.0.0.1:\(api)/"
                for path in [canaries.secret, canaries.description] {
                    for (index, spelling) in Self.spellings(of: path).enumerated() {
                        let shown = try await Self.shown(
                            base, target: target, description: spelling, form: index % 3 == 0)
                        #expect(
                            !shown.contains(canaries.word),
                            "\(spelling.debugDescription) showed the file: \(shown.prefix(800))")
                        #expect(
                            !shown.contains("REST=1") && !shown.contains("DB_PASSWORD"), "\(spelling.debugDescription)")
                    }
                }
                // An existing file and a missing one answer alike, but for the path the caller wrote.
                for spelling in Self.spellings(of: canaries.secret).prefix(4) {
                    let existing = try await Self.shown(base, target: target, description: spelling)
                    let absent = try await Self.shown(
                        base, target: target,
                        description: spelling.replacingOccurrences(of: canaries.secret, with: missing))
                    #expect(
                        existing == absent.replacingOccurrences(of: missing, with: canaries.secret),
                        "\(spelling.debugDescription)")
                }
            }
        }
        #expect(!log.lines.contains { $0.contains(canaries.word) }, "the log names the file's contents")
    }

    @Test("an uploaded description's $ref to a file of the server is refused, naming neither the file nor the folder")
    func uploadedFileReference() async throws {
        let canaries = try Canaries()
        try await WebServer.withRunning(Self.settings()) { port in
            let base = "http://127.0.0.1:\(port)"
            for reference in [canaries.secret, "file://\(canaries.secret)", "secret.env", "../../etc/hostname"] {
                let document = """
                    {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {"parameters": \
                    [{"$ref": "\(reference)#/p"}], "responses": {"200": {"description": "ok"}}}}}}
                    """
                let answer = try await WebServerTests.upload(base, url: "http://127.0.0.1:1/", description: document)
                let body = WebServerTests.body(answer)
                #expect(answer.response?.status == 400 && body.contains("must stand alone"), "\(reference): \(body)")
                #expect(!body.contains(canaries.word) && !body.contains(FileManager.default.currentDirectoryPath))
            }
        }
    }

    @Test("only an http(s) URL is taken from a caller; anything else is refused without being repeated")
    func remoteLocations() throws {
        for spelling in Self.spellings(of: "/etc/hostname") {
            switch Result(catching: { try DescriptionLocation.remote(spelling) }) {
            case .success(.url(let url)): #expect(url.hasPrefix("http://127.0.0.1:1/"), "\(spelling.debugDescription)")
            case .success(.file): Issue.record("\(spelling.debugDescription) became a file")
            case .failure(let error): #expect(!"\(error)".contains("hostname"), "\(error)")
            }
        }
    }
}
