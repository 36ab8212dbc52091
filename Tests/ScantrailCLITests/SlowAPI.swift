import Hummingbird
import Synchronization

/// An API whose first answer is quick (so the scan starts) and whose later answers take
/// seconds: what a scan deadline, a Ctrl-C or a killed worker must cut short.
enum SlowAPI {
    /// How many requests a router has answered, or begun to.
    final class Hits: Sendable {
        private let count = Mutex(0)

        var value: Int { count.withLock { $0 } }

        fileprivate func increment() -> Int {
            count.withLock { count in
                count += 1
                return count
            }
        }
    }

    /// The router: every answer after the first takes `delay`.
    static func router(delay: Duration = .seconds(3), hits: Hits = Hits()) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/") { _, _ in
            if hits.increment() > 1 {
                try await Task.sleep(for: delay)
            }
            return "{}"
        }
        return router
    }
}
