import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// The documented subset of Jira Cloud's REST API v3, served on 127.0.0.1: create an issue
/// (project, issue type, summary, ADF description, labels, priority — 400 with `errors` for a
/// field it does not take), read one, JQL search (`/search/jql`, paged with `nextPageToken`),
/// the transitions its workflow offers (To Do → Done, Done → Reopen; 400 for another) and
/// comments (ADF); basic authentication (401), 404 with `errorMessages`, 429 with `Retry-After`.
public final class FakeJira: Sendable {
    /// An empty tracker.
    public init() {}

    public struct Issue: Sendable {
        public var key: String
        public var summary: String
        public var labels: [String]
        public var priority: String
        public var done: Bool
        public var comments: [String]
    }

    public let project = "SEC"
    public let email = "secops@acme.example"
    public let token = "jira-api-token"
    /// Issues per search page, small so that paging is exercised.
    public let pageSize = 2
    private let state = Mutex<[String: Issue]>([:])
    private let support = FakeTrackerSupport()

    public var issues: [Issue] {
        state.withLock { $0.values.sorted { Int($0.key.dropFirst(4)) ?? 0 < Int($1.key.dropFirst(4)) ?? 0 } }
    }

    /// The next `count` requests are refused with 429.
    public func rateLimit(next count: Int, retryAfter seconds: Int = 1) {
        support.rateLimit(next: count, retryAfter: seconds)
    }

    /// Someone moves issue `key` to Done in Jira.
    public func closeByHand(_ key: String) {
        state.withLock { $0[key]?.done = true }
    }

    private func errors(_ messages: [String], status: HTTPResponse.Status) -> Response {
        support.json(["errorMessages": messages, "errors": [String: String]()], status: status)
    }

    private func object(_ issue: Issue) -> [String: Any] {
        let status: [String: Any] =
            issue.done
            ? ["name": "Done", "statusCategory": ["key": "done", "name": "Done"]]
            : ["name": "To Do", "statusCategory": ["key": "new", "name": "To Do"]]
        return [
            "id": String(issue.key.dropFirst(4)), "key": issue.key,
            "self": "https://acme.atlassian.net/rest/api/3/issue/\(issue.key)",
            "fields": ["labels": issue.labels, "status": status, "summary": issue.summary],
        ]
    }

    private func refusal(_ request: Request) -> Response? {
        if let limited = support.admit() {
            return support.json(
                ["message": "Rate limit exceeded"], status: .tooManyRequests, headers: [.retryAfter: "\(limited)"])
        }
        let expected = "Basic " + Data("\(email):\(token)".utf8).base64EncodedString()
        guard request.headers[.authorization] == expected else {
            return errors(["You are not authorized to perform this operation."], status: .unauthorized)
        }
        return nil
    }

    /// The text of an ADF document, or `nil` if it is not one.
    private static func text(of document: Any?) -> String? {
        guard let document = document as? [String: Any], document["type"] as? String == "doc",
            document["version"] as? Int == 1, let content = document["content"] as? [[String: Any]]
        else { return nil }
        return content.map { paragraph in
            ((paragraph["content"] as? [[String: Any]]) ?? []).map { $0["text"] as? String ?? "\n" }.joined()
        }.joined(separator: "\n\n")
    }

    private func issue(_ context: BasicRequestContext) -> Issue? {
        context.parameters.get("key").flatMap { key in state.withLock { $0[key] } }
    }

    private var notFound: Response {
        errors(["Issue does not exist or you do not have permission to see it."], status: .notFound)
    }

    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        let api = router.group("/rest/api/3")
        api.get("search/jql") { request, _ -> Response in
            if let refusal = self.refusal(request) { return refusal }
            let query = request.uri.queryParameters
            // The one query shape the scanner sends; anything else is a JQL error, as Jira's parser gives.
            let expected = "project = \"\(self.project)\" AND labels = \"scantrail\" ORDER BY created ASC"
            guard query.get("jql") == expected else {
                return self.errors(["Error in the JQL Query: unsupported in this test server."], status: .badRequest)
            }
            let start = Int(query.get("nextPageToken") ?? "0") ?? 0
            let limit = min(Int(query.get("maxResults") ?? "50") ?? 50, self.pageSize)
            let matching = self.issues.filter { $0.labels.contains("scantrail") }
            let page = matching.dropFirst(start).prefix(limit)
            var answer: [String: Any] = ["issues": page.map(self.object), "isLast": start + limit >= matching.count]
            if start + limit < matching.count { answer["nextPageToken"] = "\(start + limit)" }
            return self.support.json(answer)
        }
        api.post("issue") { request, _ -> Response in
            if let refusal = self.refusal(request) { return refusal }
            let fields = try await self.support.body(request)["fields"] as? [String: Any] ?? [:]
            var problems: [String: String] = [:]
            if (fields["project"] as? [String: Any])?["key"] as? String != self.project {
                problems["project"] = "valid project is required"
            }
            if !["Bug", "Task"].contains((fields["issuetype"] as? [String: Any])?["name"] as? String ?? "") {
                problems["issuetype"] = "valid issue type is required"
            }
            if (fields["summary"] as? String ?? "").isEmpty {
                problems["summary"] = "You must specify a summary of the issue."
            }
            if Self.text(of: fields["description"]) == nil {
                problems["description"] = "Operation value must be an Atlassian Document"
            }
            let priority = (fields["priority"] as? [String: Any])?["name"] as? String ?? "Medium"
            if !["Highest", "High", "Medium", "Low", "Lowest"].contains(priority) {
                problems["priority"] = "Specify a valid value for priority"
            }
            guard problems.isEmpty else {
                return self.support.json(["errorMessages": [String](), "errors": problems], status: .badRequest)
            }
            let issue = self.state.withLock { state -> Issue in
                let issue = Issue(
                    key: "\(self.project)-\(state.count + 1)", summary: fields["summary"] as? String ?? "",
                    labels: fields["labels"] as? [String] ?? [], priority: priority, done: false, comments: [])
                state[issue.key] = issue
                return issue
            }
            return self.support.json(
                [
                    "id": String(issue.key.dropFirst(4)), "key": issue.key,
                    "self": "https://acme.atlassian.net/rest/api/3/issue/\(issue.key)",
                ],
                status: .created)
        }
        api.get("issue/:key") { request, context -> Response in
            if let refusal = self.refusal(request) { return refusal }
            guard let issue = self.issue(context) else { return self.notFound }
            return self.support.json(self.object(issue))
        }
        api.get("issue/:key/transitions") { request, context -> Response in
            if let refusal = self.refusal(request) { return refusal }
            guard let issue = self.issue(context) else { return self.notFound }
            let offered: [[String: Any]] =
                issue.done
                ? [["id": "41", "name": "Reopen", "to": ["name": "To Do"]]]
                : [
                    ["id": "21", "name": "In Progress", "to": ["name": "In Progress"]],
                    ["id": "31", "name": "Done", "to": ["name": "Done"]],
                ]
            return self.support.json(["expand": "transitions", "transitions": offered])
        }
        api.post("issue/:key/transitions") { request, context -> Response in
            if let refusal = self.refusal(request) { return refusal }
            guard let issue = self.issue(context) else { return self.notFound }
            let id = (try await self.support.body(request)["transition"] as? [String: Any])?["id"] as? String ?? ""
            guard (issue.done && id == "41") || (!issue.done && ["21", "31"].contains(id)) else {
                return self.errors(["Transition id '\(id)' is not valid for this issue."], status: .badRequest)
            }
            self.state.withLock { $0[issue.key]?.done = id == "31" }
            return Response(status: .noContent)
        }
        api.post("issue/:key/comment") { request, context -> Response in
            if let refusal = self.refusal(request) { return refusal }
            guard let issue = self.issue(context) else { return self.notFound }
            guard let text = Self.text(of: try await self.support.body(request)["body"]) else {
                return self.support.json(
                    ["errorMessages": [String](), "errors": ["comment": "Comment body can not be empty!"]],
                    status: .badRequest)
            }
            self.state.withLock { $0[issue.key]?.comments.append(text) }
            return self.support.json(["id": "10000", "body": ["type": "doc"]], status: .created)
        }
        return router
    }
}
