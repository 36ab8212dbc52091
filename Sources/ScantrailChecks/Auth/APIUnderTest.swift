import Foundation
import ScantrailCore
import ScantrailOpenAPI

/// What the OpenAPI-driven checks work from: the documented operations and the identities
/// to call them as. Requests always go to the scan's target, never to the hosts a document names.
public struct APIUnderTest: Sendable {
    /// The imported description.
    public let inventory: APIInventory
    /// The identities, in the order given.
    public let identities: [Identity]

    /// Creates the input of the OpenAPI-driven checks.
    public init(inventory: APIInventory, identities: [Identity]) {
        self.inventory = inventory
        self.identities = identities
    }

    /// The path operations hang under: the target's own path when it has one, else the path
    /// of the document's first server (`/v2` of `https://api.example.test/v2`).
    func basePath(of target: ScanTarget) -> String {
        if target.basePath != "/" { return String(target.basePath.reversed().drop { $0 == "/" }.reversed()) }
        guard let server = inventory.servers.first else { return "" }
        let path = URL(string: server)?.path ?? server
        return path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// The request for `operation` on `target`, with `values` for its parameters, carrying
    /// `credential` (none: anonymous).
    func request(
        _ operation: APIOperation, on target: ScanTarget, values: [String: String] = [:],
        credential: Identity.Credential?
    ) -> ProbeRequest {
        var request = ProbeRequest(
            method: operation.method,
            url: target.url(path: basePath(of: target) + operation.concretePath(values: values)),
            headers: operation.sampleHeaders)
        if operation.isUnsafe, let body = operation.sampleBody {
            request.body = body.data
            request.headers.append(HeaderField(name: "Content-Type", value: body.mediaType))
        }
        return Identity.apply(credential, to: request)
    }

    /// Every identity's secret, to be masked wherever evidence could echo it.
    var secrets: [String] { identities.map(\.credential.token).filter { $0.count >= 4 } }
}

extension APIOperation {
    /// Why an operation that may change state was not sent in passive mode.
    var passiveModeNote: String { "not tested (passive mode): \(method) may change state; run with --active" }
}
