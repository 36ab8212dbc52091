import Hummingbird
import Synchronization

/// An API whose first answer is quick (so the scan starts) and whose later answers take
/// seconds: what a scan deadline or a Ctrl-C must cut short.
enum SlowAPI {
    static func router() -> Router<BasicRequestContext> {
        let hits = Mutex(0)
        let router = Router()
        router.get("/") { _, _ in
            let hit = hits.withLock { count in
                count += 1
                return count
            }
            if hit > 1 {
                try await Task.sleep(for: .seconds(3))
            }
            return "{}"
        }
        return router
    }
}
