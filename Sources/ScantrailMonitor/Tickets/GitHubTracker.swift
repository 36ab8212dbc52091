import Foundation
import ScantrailApp
import ScantrailCore
import ScantrailStore

/// GitHub Issues through the REST API: tickets labelled `scantrail` and by severity, found again
/// by the fingerprint marker in their body, closed with `state_reason` `completed` or
/// `not_planned` and reopened with `reopened`.
public struct GitHubTracker: TicketTracker {
    public let name = "github"
    private let settings: TrackerSettings.GitHub
    private let client: TrackerClient

    /// A tracker for the repository `settings` names.
    public init(_ settings: TrackerSettings.GitHub) {
        self.settings = settings
        client = TrackerClient(
            name: "GitHub", authorization: "Bearer \(settings.token)",
            headers: ["Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"])
    }

    private func url(_ path: String, query: [URLQueryItem] = []) throws -> URL {
        var components = URLComponents(
            url: settings.apiURL.appendingPathComponent("repos/\(settings.owner)/\(settings.repository)/\(path)"),
            resolvingAgainstBaseURL: false)
        if !query.isEmpty { components?.queryItems = query }
        guard let url = components?.url else { throw TrackerError.unexpected("GitHub: cannot build a URL for \(path)") }
        return url
    }

    public func existingTickets() async throws -> [Fingerprint: TrackedIssue] {
        var found: [Fingerprint: TrackedIssue] = [:]
        // Bounded: 50 pages of 100 issues.
        for page in 1...50 {
            let answer = try await client.send(
                "GET",
                try url(
                    "issues",
                    query: [
                        URLQueryItem(name: "labels", value: "scantrail"), URLQueryItem(name: "state", value: "all"),
                        URLQueryItem(name: "per_page", value: "100"), URLQueryItem(name: "page", value: "\(page)"),
                    ]))
            guard let issues = answer as? [[String: Any]] else {
                throw TrackerError.unexpected("GitHub: the issue list is not a JSON array")
            }
            for issue in issues where issue["pull_request"] == nil {
                guard let body = issue["body"] as? String, let fingerprint = TicketContent.fingerprint(inBody: body)
                else { continue }
                found[fingerprint] = try Self.issue(issue)
            }
            if issues.count < 100 { break }
        }
        return found
    }

    public func issue(_ key: String) async throws -> TrackedIssue {
        try Self.issue(try await client.send("GET", try url("issues/\(key)")))
    }

    public func create(_ ticket: TicketContent) async throws -> TrackedIssue {
        let labels = ["scantrail", "severity:\(ticket.severity.rawValue)"] + settings.labels
        return try Self.issue(
            try await client.send(
                "POST", try url("issues"),
                body: ["title": ticket.title, "body": ticket.paragraphs.joined(separator: "\n\n"), "labels": labels]))
    }

    public func close(_ key: String, as closure: RemediationTicket.Closure, comment: String) async throws {
        try await client.send("POST", try url("issues/\(key)/comments"), body: ["body": comment])
        let reason = closure == .fixed ? "completed" : "not_planned"
        try await client.send("PATCH", try url("issues/\(key)"), body: ["state": "closed", "state_reason": reason])
    }

    public func reopen(_ key: String, comment: String) async throws {
        try await client.send("POST", try url("issues/\(key)/comments"), body: ["body": comment])
        try await client.send("PATCH", try url("issues/\(key)"), body: ["state": "open", "state_reason": "reopened"])
    }

    /// An issue object of the REST API.
    private static func issue(_ answer: Any?) throws -> TrackedIssue {
        guard let issue = answer as? [String: Any], let number = issue["number"] as? Int,
            let page = issue["html_url"] as? String, let state = issue["state"] as? String
        else { throw TrackerError.unexpected("GitHub: an issue without number, html_url or state") }
        return TrackedIssue(key: "\(number)", url: page, isOpen: state == "open")
    }
}
