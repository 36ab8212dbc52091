import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The JSON-over-HTTPS client both trackers use: authenticates every request, waits out a
/// rate limit (429, or 403 with `Retry-After` or an exhausted `x-ratelimit-remaining`) when the
/// wait is short, and turns every failure into a ``TrackerError`` that names no secret.
struct TrackerClient: Sendable {
    /// The tracker's name, for errors (`GitHub`, `Jira`).
    let name: String
    /// The `Authorization` header's value.
    let authorization: String
    /// Headers every request carries besides it.
    let headers: [String: String]
    /// How long one request may take.
    var timeoutSeconds: Double = 20
    /// The longest rate-limit wait sat out; a longer one ends the sync.
    var maximumWaitSeconds: Double = 60

    /// Sends `method` to `url` with `body` (JSON) and returns the decoded JSON answer (`nil` for
    /// an empty one), waiting out short rate limits (at most three times).
    @discardableResult
    func send(_ method: String, _ url: URL, body: Any? = nil) async throws -> Any? {
        var request = URLRequest(url: url, timeoutInterval: timeoutSeconds)
        request.httpMethod = method
        request.setValue(authorization, forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.setValue("Scantrail", forHTTPHeaderField: "User-Agent")
        for (field, value) in headers { request.setValue(value, forHTTPHeaderField: field) }
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        for attempt in 1... {
            let (data, response) = try await exchange(request)
            let status = response.statusCode
            if (200..<300).contains(status) {
                return data.isEmpty ? nil : try? JSONSerialization.jsonObject(with: data)
            }
            if let wait = rateLimitWait(response) {
                guard wait <= maximumWaitSeconds, attempt < 3 else {
                    throw TrackerError.rateLimited(name, seconds: Int(wait.rounded(.up)))
                }
                try await Task.sleep(for: .seconds(wait))
                continue
            }
            if status == 401 || status == 403 { throw TrackerError.unauthorized(name) }
            throw TrackerError.refused(name, status: status, message: Self.message(in: data))
        }
        preconditionFailure("unreachable")
    }

    private func exchange(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            guard let http = response as? HTTPURLResponse else { throw TrackerError.unreachable(name) }
            return (data, http)
        } catch let error as TrackerError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw TrackerError.unreachable(name)
        }
    }

    /// Seconds to wait before retrying, when `response` is a rate limit.
    private func rateLimitWait(_ response: HTTPURLResponse) -> Double? {
        guard response.statusCode == 429 || response.statusCode == 403 else { return nil }
        if let retryAfter = response.value(forHTTPHeaderField: "Retry-After").flatMap(Double.init) {
            return max(retryAfter, 0)
        }
        if response.value(forHTTPHeaderField: "x-ratelimit-remaining") == "0",
            let reset = response.value(forHTTPHeaderField: "x-ratelimit-reset").flatMap(Double.init)
        {
            return max(reset - Date().timeIntervalSince1970, 0)
        }
        return response.statusCode == 429 ? 60 : nil
    }

    /// The tracker's own message: GitHub's `message`, Jira's `errorMessages` and `errors`.
    static func message(in data: Data) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return "no message" }
        var parts: [String] = []
        if let message = object["message"] as? String { parts.append(message) }
        parts += object["errorMessages"] as? [String] ?? []
        if let errors = object["errors"] as? [String: String] {
            parts += errors.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        }
        return parts.isEmpty ? "no message" : String(parts.joined(separator: "; ").prefix(300))
    }
}
