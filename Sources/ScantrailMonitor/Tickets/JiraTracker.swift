import Foundation
import ScantrailApp
import ScantrailCore
import ScantrailStore

/// Jira Cloud through the REST API v3: issues in one project, labelled `scantrail` and with the
/// finding's fingerprint as a label (`scantrail-fp-…`, found again with JQL), bodies and comments
/// in the Atlassian Document Format, closed and reopened by the transitions named in the settings.
public struct JiraTracker: TicketTracker {
    public let name = "jira"
    private let settings: TrackerSettings.Jira
    private let client: TrackerClient

    /// A tracker for the project `settings` names.
    public init(_ settings: TrackerSettings.Jira) {
        self.settings = settings
        let credential = Data("\(settings.email):\(settings.token)".utf8).base64EncodedString()
        client = TrackerClient(name: "Jira", authorization: "Basic \(credential)", headers: [:])
    }

    private func url(_ path: String, query: [URLQueryItem] = []) throws -> URL {
        var components = URLComponents(
            url: settings.url.appendingPathComponent("rest/api/3/\(path)"), resolvingAgainstBaseURL: false)
        if !query.isEmpty { components?.queryItems = query }
        guard let url = components?.url else { throw TrackerError.unexpected("Jira: cannot build a URL for \(path)") }
        return url
    }

    /// The label that names a finding.
    static func label(_ fingerprint: Fingerprint) -> String { "scantrail-fp-\(fingerprint.rawValue)" }

    public func existingTickets() async throws -> [Fingerprint: TrackedIssue] {
        var found: [Fingerprint: TrackedIssue] = [:]
        var token: String?
        let jql = "project = \"\(settings.project)\" AND labels = \"scantrail\" ORDER BY created ASC"
        // Bounded: 50 pages of 100 issues.
        for _ in 1...50 {
            var query = [
                URLQueryItem(name: "jql", value: jql), URLQueryItem(name: "fields", value: "labels,status"),
                URLQueryItem(name: "maxResults", value: "100"),
            ]
            if let token { query.append(URLQueryItem(name: "nextPageToken", value: token)) }
            guard let answer = try await client.send("GET", try url("search/jql", query: query)) as? [String: Any],
                let issues = answer["issues"] as? [[String: Any]]
            else { throw TrackerError.unexpected("Jira: a search answer without issues") }
            for issue in issues {
                let labels = (issue["fields"] as? [String: Any])?["labels"] as? [String] ?? []
                guard let label = labels.first(where: { $0.hasPrefix("scantrail-fp-") }) else { continue }
                found[Fingerprint(rawValue: String(label.dropFirst("scantrail-fp-".count)))] = try self.issue(
                    from: issue)
            }
            token = answer["nextPageToken"] as? String
            if answer["isLast"] as? Bool ?? true || token == nil { break }
        }
        return found
    }

    public func issue(_ key: String) async throws -> TrackedIssue {
        try issue(
            from: try await client.send(
                "GET", try url("issue/\(key)", query: [URLQueryItem(name: "fields", value: "status")])))
    }

    public func create(_ ticket: TicketContent) async throws -> TrackedIssue {
        let fields: [String: Any] = [
            "project": ["key": settings.project], "issuetype": ["name": settings.issueType], "summary": ticket.title,
            "description": Self.document(ticket.paragraphs),
            "labels": ["scantrail", "severity-\(ticket.severity.rawValue)", Self.label(ticket.fingerprint)],
            "priority": ["name": Self.priority(ticket.severity)],
        ]
        guard let created = try await client.send("POST", try url("issue"), body: ["fields": fields]) as? [String: Any],
            let key = created["key"] as? String
        else { throw TrackerError.unexpected("Jira: a created issue without a key") }
        return TrackedIssue(key: key, url: browse(key), isOpen: true)
    }

    public func close(_ key: String, as closure: RemediationTicket.Closure, comment: String) async throws {
        try await self.comment(key, comment)
        try await transition(key, named: settings.closeTransition)
    }

    public func reopen(_ key: String, comment: String) async throws {
        try await self.comment(key, comment)
        try await transition(key, named: settings.reopenTransition)
    }

    private func comment(_ key: String, _ text: String) async throws {
        try await client.send("POST", try url("issue/\(key)/comment"), body: ["body": Self.document([text])])
    }

    /// Applies the transition called `name` (case-insensitive), as the issue's workflow offers it.
    private func transition(_ key: String, named name: String) async throws {
        guard let answer = try await client.send("GET", try url("issue/\(key)/transitions")) as? [String: Any],
            let transitions = answer["transitions"] as? [[String: Any]]
        else { throw TrackerError.unexpected("Jira: a transitions answer without transitions") }
        guard
            let id = transitions.first(where: { ($0["name"] as? String)?.lowercased() == name.lowercased() })?["id"]
                as? String
        else {
            let offered = transitions.compactMap { $0["name"] as? String }.joined(separator: ", ")
            throw TrackerError.unexpected("Jira: \(key) offers no transition named \(name) (it offers: \(offered))")
        }
        try await client.send("POST", try url("issue/\(key)/transitions"), body: ["transition": ["id": id]])
    }

    private func browse(_ key: String) -> String {
        settings.url.appendingPathComponent("browse/\(key)").absoluteString
    }

    /// An issue of a search or issue answer; done when its status is in the `done` category.
    private func issue(from answer: Any?) throws -> TrackedIssue {
        guard let issue = answer as? [String: Any], let key = issue["key"] as? String else {
            throw TrackerError.unexpected("Jira: an issue without a key")
        }
        let status = (issue["fields"] as? [String: Any])?["status"] as? [String: Any]
        let category = (status?["statusCategory"] as? [String: Any])?["key"] as? String
        return TrackedIssue(key: key, url: browse(key), isOpen: category != "done")
    }

    /// The severity's priority in Jira's default scheme.
    static func priority(_ severity: Severity) -> String {
        switch severity {
        case .critical: "Highest"
        case .high: "High"
        case .medium: "Medium"
        case .low: "Low"
        case .info: "Lowest"
        }
    }

    /// Paragraphs as an Atlassian Document Format document: one paragraph each, lines as hard
    /// breaks, `**bold**` and `` `code` `` as marks.
    static func document(_ paragraphs: [String]) -> [String: Any] {
        let content = paragraphs.map { paragraph -> [String: Any] in
            var nodes: [[String: Any]] = []
            for (index, line) in paragraph.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if index > 0 { nodes.append(["type": "hardBreak"]) }
                nodes += inline(line)
            }
            return ["type": "paragraph", "content": nodes]
        }
        return ["type": "doc", "version": 1, "content": content]
    }

    /// The text nodes of one line; an unclosed marker stays as text.
    private static func inline(_ line: Substring) -> [[String: Any]] {
        func text(_ part: Substring, mark: String? = nil) -> [String: Any] {
            var node: [String: Any] = ["type": "text", "text": String(part)]
            if let mark { node["marks"] = [["type": mark]] }
            return node
        }
        var nodes: [[String: Any]] = []
        var rest = line
        while !rest.isEmpty {
            let opening = [rest.range(of: "**"), rest.range(of: "`")].compactMap { $0 }
                .min { $0.lowerBound < $1.lowerBound }
            guard let opening, let closing = rest[opening.upperBound...].range(of: rest[opening]) else {
                nodes.append(text(rest))
                break
            }
            if opening.lowerBound > rest.startIndex { nodes.append(text(rest[..<opening.lowerBound])) }
            let inner = rest[opening.upperBound..<closing.lowerBound]
            if !inner.isEmpty { nodes.append(text(inner, mark: rest[opening] == "**" ? "strong" : "code")) }
            rest = rest[closing.upperBound...]
        }
        return nodes
    }
}
