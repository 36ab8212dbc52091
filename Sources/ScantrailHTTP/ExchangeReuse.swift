import ScantrailCore

/// Sends each distinct safe request once per scan: later identical requests wait for and
/// reuse the first one's exchange (reported with zero requests sent).
actor ExchangeReuse {
    private struct Key: Hashable {
        let method: String
        let url: String
        let headers: [HeaderField]
        let followRedirects: Bool
    }

    private var exchanges: [Key: Task<HTTPExchange, any Error>] = [:]

    /// The exchange for `request`: the first caller's `send` runs; the others reuse its result.
    func exchange(
        for request: ProbeRequest,
        send: @escaping @Sendable () async throws -> HTTPExchange
    ) async throws -> HTTPExchange {
        let key = Key(
            method: request.method, url: request.url, headers: request.headers, followRedirects: request.followRedirects
        )
        if let existing = exchanges[key] {
            return try await existing.value.reused()
        }
        let task = Task { try await send() }
        exchanges[key] = task
        return try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            task.cancel()
        }
    }
}
