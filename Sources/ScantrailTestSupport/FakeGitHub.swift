import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// The documented subset of GitHub's REST API for issues, served on 127.0.0.1: list (labels,
/// state, per_page, page), get, create, update (`state`, `state_reason`), comment; `Bearer`
/// authentication (401 "Bad credentials"), 404 for another repository or issue, 422 "Validation
/// Failed" for a missing title or a `state_reason` GitHub does not take, and a secondary rate
/// limit (403 with `retry-after`) on demand.
public final class FakeGitHub: Sendable {
    /// An empty tracker.
    public init() {}

    public struct Issue: Sendable {
        public var number: Int
        public var title: String
        public var body: String
        public var labels: [String]
        public var state: String
        public var stateReason: String?
        public var comments: [String]
    }

    public let owner = "acme"
    public let repository = "api"
    public let token = "ghp_test-token"
    private let state = Mutex<[Int: Issue]>([:])
    private let support = FakeTrackerSupport()

    public var issues: [Issue] { state.withLock { $0.values.sorted { $0.number < $1.number } } }

    /// The next `count` requests are refused with a secondary rate limit.
    public func rateLimit(next count: Int, retryAfter seconds: Int = 1) {
        support.rateLimit(next: count, retryAfter: seconds)
    }

    /// Someone closes issue `number` in GitHub's interface.
    public func closeByHand(_ number: Int) {
        state.withLock { $0[number]?.state = "closed" }
    }

    private func object(_ issue: Issue) -> [String: Any] {
        [
            "number": issue.number, "title": issue.title, "body": issue.body, "state": issue.state,
            "state_reason": issue.stateReason as Any, "labels": issue.labels.map { ["name": $0] },
            "html_url": "https://github.com/\(owner)/\(repository)/issues/\(issue.number)",
            "url": "https://api.github.com/repos/\(owner)/\(repository)/issues/\(issue.number)",
        ]
    }

    /// Refusals every endpoint shares: rate limit, credentials, repository.
    private func refusal(_ request: Request, _ context: BasicRequestContext) -> Response? {
        if let limited = support.admit() {
            return support.json(
                [
                    "message":
                        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
                ],
                status: .forbidden, headers: [.retryAfter: "\(limited)"])
        }
        guard request.headers[.authorization] == "Bearer \(token)" else {
            return support.json(["message": "Bad credentials"], status: .unauthorized)
        }
        guard context.parameters.get("owner") == owner, context.parameters.get("repo") == repository else {
            return support.json(["message": "Not Found"], status: .notFound)
        }
        return nil
    }

    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        let issues = router.group("/repos/:owner/:repo/issues")
        issues.get { request, context -> Response in
            if let refusal = self.refusal(request, context) { return refusal }
            let query = request.uri.queryParameters
            let labels = query.get("labels").map { $0.split(separator: ",").map(String.init) } ?? []
            let wanted = query.get("state") ?? "open"
            let perPage = min(Int(query.get("per_page") ?? "30") ?? 30, 100)
            let page = max(Int(query.get("page") ?? "1") ?? 1, 1)
            let matching = self.issues.reversed().filter { issue in
                labels.allSatisfy(issue.labels.contains) && (wanted == "all" || issue.state == wanted)
            }
            let slice = matching.dropFirst((page - 1) * perPage).prefix(perPage)
            return self.support.json(slice.map { self.object($0) })
        }
        issues.post { request, context -> Response in
            if let refusal = self.refusal(request, context) { return refusal }
            let fields = try await self.support.body(request)
            guard let title = fields["title"] as? String, !title.isEmpty else {
                return self.support.json(
                    [
                        "message": "Validation Failed",
                        "errors": [["resource": "Issue", "code": "missing_field", "field": "title"]],
                    ],
                    status: .unprocessableContent)
            }
            let issue = self.state.withLock { state -> Issue in
                let issue = Issue(
                    number: (state.keys.max() ?? 0) + 1, title: title, body: fields["body"] as? String ?? "",
                    labels: fields["labels"] as? [String] ?? [], state: "open", stateReason: nil, comments: [])
                state[issue.number] = issue
                return issue
            }
            return self.support.json(self.object(issue), status: .created)
        }
        issues.get(":number") { request, context -> Response in
            if let refusal = self.refusal(request, context) { return refusal }
            guard let number = context.parameters.get("number", as: Int.self),
                let issue = self.state.withLock({ $0[number] })
            else { return self.support.json(["message": "Not Found"], status: .notFound) }
            return self.support.json(self.object(issue))
        }
        issues.patch(":number") { request, context -> Response in
            if let refusal = self.refusal(request, context) { return refusal }
            let fields = try await self.support.body(request)
            let newState = fields["state"] as? String
            let reason = fields["state_reason"] as? String
            let reasons = newState == "closed" ? ["completed", "not_planned"] : ["reopened"]
            guard newState == nil || ["open", "closed"].contains(newState!),
                reason == nil || (newState != nil && reasons.contains(reason!))
            else {
                return self.support.json(
                    [
                        "message": "Validation Failed",
                        "errors": [["resource": "Issue", "code": "invalid", "field": "state_reason"]],
                    ],
                    status: .unprocessableContent)
            }
            guard let number = context.parameters.get("number", as: Int.self),
                let issue = self.state.withLock({ state -> Issue? in
                    guard var issue = state[number] else { return nil }
                    if let newState {
                        issue.state = newState
                        issue.stateReason = reason
                    }
                    state[number] = issue
                    return issue
                })
            else { return self.support.json(["message": "Not Found"], status: .notFound) }
            return self.support.json(self.object(issue))
        }
        issues.post(":number/comments") { request, context -> Response in
            if let refusal = self.refusal(request, context) { return refusal }
            let fields = try await self.support.body(request)
            guard let text = fields["body"] as? String, !text.isEmpty else {
                return self.support.json(["message": "Validation Failed"], status: .unprocessableContent)
            }
            guard let number = context.parameters.get("number", as: Int.self),
                self.state.withLock({ state -> Bool in
                    guard state[number] != nil else { return false }
                    state[number]?.comments.append(text)
                    return true
                })
            else { return self.support.json(["message": "Not Found"], status: .notFound) }
            return self.support.json(["id": Int.random(in: 1...1_000_000), "body": text], status: .created)
        }
        return router
    }
}
