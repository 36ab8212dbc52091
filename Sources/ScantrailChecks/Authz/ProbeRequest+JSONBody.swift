import Foundation
import ScantrailCore

extension ProbeRequest {
    /// The request carrying `body` as JSON instead of what it carried.
    func carryingJSON(_ body: Data) -> ProbeRequest {
        var request = self
        request.headers.removeAll { $0.name.lowercased() == "content-type" }
        request.headers.append(HeaderField(name: "Content-Type", value: "application/json"))
        request.body = body
        return request
    }
}
