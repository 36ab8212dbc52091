import HTTPTypes
import Hummingbird
import ScantrailDemo
import Synchronization

/// An API whose headers the test changes between scans: misconfigured, then fixed, then
/// regressed with a new problem — the life a finding has across scans.
final class ChangingAPI: Sendable {
    enum State {
        case misconfigured
        case fixed
        case regressed
    }

    private let state = Mutex(State.misconfigured)

    func set(_ new: State) {
        state.withLock { $0 = new }
    }

    var router: Router<BasicRequestContext> {
        let router = Router()
        router.get("/") { _, _ in
            var headers: HTTPFields
            switch self.state.withLock({ $0 }) {
            case .misconfigured:
                headers = DemoAPI.responseHeaders(.misconfigured)
            case .fixed:
                headers = DemoAPI.responseHeaders(.hardened)
            case .regressed:
                headers = DemoAPI.responseHeaders(.hardened)
                headers[HTTPField.Name("X-Powered-By")!] = "Express"
            }
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: "{}")))
        }
        return router
    }
}
