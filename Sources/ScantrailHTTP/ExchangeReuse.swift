import ScantrailCore
import Synchronization

/// Sends each distinct safe request once per scan: the first caller sends it; callers asking
/// for the same request meanwhile or later wait for and reuse its exchange (reported with zero
/// requests sent).
final class ExchangeReuse: Sendable {
    private struct Key: Hashable {
        let method: String
        let url: String
        let headers: [HeaderField]
        let followRedirects: Bool
    }

    private enum Entry {
        case pending([CheckedContinuation<HTTPExchange, any Error>])
        case done(Result<HTTPExchange, any Error>)
    }

    private enum Role {
        case lead
        case wait
        case reuse(Result<HTTPExchange, any Error>)
    }

    private let entries = Mutex<[Key: Entry]>([:])

    /// The exchange for `request`: the first caller's `send` runs; the others reuse its result.
    func exchange(for request: ProbeRequest, send: () async throws -> HTTPExchange) async throws -> HTTPExchange {
        let key = Key(
            method: request.method, url: request.url, headers: request.headers,
            followRedirects: request.followRedirects)
        let role: Role = entries.withLock { entries in
            switch entries[key] {
            case .done(let result): return .reuse(result)
            case .pending: return .wait
            case nil:
                entries[key] = .pending([])
                return .lead
            }
        }
        switch role {
        case .reuse(let result):
            return try result.get().reused()
        case .wait:
            return try await withCheckedThrowingContinuation { continuation in
                let finished: Result<HTTPExchange, any Error>? = entries.withLock { entries in
                    switch entries[key] {
                    case .pending(let waiting):
                        entries[key] = .pending(waiting + [continuation])
                        return nil
                    case .done(let result):
                        return result
                    case nil:
                        return .failure(CancellationError())
                    }
                }
                if let finished { continuation.resume(with: finished) }
            }.reused()
        case .lead:
            let result: Result<HTTPExchange, any Error>
            do {
                result = .success(try await send())
            } catch {
                result = .failure(error)
            }
            let waiting: [CheckedContinuation<HTTPExchange, any Error>] = entries.withLock { entries in
                defer { entries[key] = .done(result) }
                if case .pending(let waiting) = entries[key] { return waiting }
                return []
            }
            for continuation in waiting { continuation.resume(with: result) }
            return try result.get()
        }
    }
}
