import Foundation
import ScantrailCore
import ScantrailOpenAPI

extension SecretsCheck {
    /// A credential found in an API description, and whether the API accepts it.
    public struct DocumentedExample: Codable, Sendable, Hashable {
        /// What it is (`JSON Web Token`).
        public let name: String
        /// The value, first 4 characters, the rest masked.
        public let masked: String
        /// Whether a secured operation accepted it; `nil` when that could not be told.
        public let live: Bool?
        /// The answers that told it, or why nothing could.
        public let detail: String
    }

    /// Credentials tried per description, and secured operations each is tried on.
    static let (examplesTried, operationsTried) = (3, 2)

    /// The credentials `body` holds when it is an API description, each sent to up to two of
    /// its secured GET operations beside an anonymous request; `nil` when `body` is no
    /// description or holds no credential.
    static func documentedExamples(in body: Data, on target: ScanTarget, context: ScanContext) async throws
        -> [DocumentedExample]?
    {
        let text = String(decoding: body.prefix(2048), as: UTF8.self)
        guard text.contains("openapi") || text.contains("swagger") else { return nil }
        let credentials = found(in: String(decoding: body, as: UTF8.self)).filter {
            $0.match.kind == SecretPattern.Kind.credential.rawValue
        }
        guard !credentials.isEmpty,
            let inventory = try? await OpenAPIImporter.importDocument(
                body, source: "documentation", load: { _ in Data() }),
            !inventory.operations.isEmpty
        else { return nil }
        let api = APIUnderTest(inventory: inventory, identities: [])
        let operations = inventory.operations.filter {
            $0.isSecured && !$0.isUnsafe && !OperationValues.needsHarvest($0)
        }.prefix(operationsTried)
        var seen: Set<String> = []
        var examples: [DocumentedExample] = []
        for (match, value) in credentials where seen.insert(value).inserted && examples.count < examplesTried {
            guard !operations.isEmpty else {
                examples.append(
                    DocumentedExample(
                        name: match.name, masked: match.masked, live: nil,
                        detail: "the description documents no secured GET to try it on"))
                continue
            }
            var tried: [String] = []
            var accepted: String?
            for operation in operations where accepted == nil {
                func send(_ credential: Identity.Credential?) async throws -> ExchangeRecord {
                    let exchange = try await context.http.send(
                        api.request(operation, on: target, credential: credential))
                    return ExchangeRecord(
                        exchange, sentAs: credential == nil ? "anonymous" : "example", secrets: [value])
                }
                let anonymous = try await send(nil)
                let withExample = try await send(credential(value, inventory))
                let answers = "\(operation.label): \(withExample.summary), anonymous: \(anonymous.summary)"
                if withExample.succeeded && !ResponseSimilarity.resembles(anonymous, withExample) {
                    accepted = answers
                }
                tried.append(answers)
            }
            examples.append(
                DocumentedExample(
                    name: match.name, masked: match.masked, live: accepted != nil,
                    detail: accepted.map { "accepted — \($0)" } ?? "refused — " + tried.joined(separator: "; ")))
        }
        return examples
    }

    /// `value` where the description's first API-key scheme puts credentials, else as a bearer token.
    static func credential(_ value: String, _ inventory: APIInventory) -> Identity.Credential {
        let key = inventory.securitySchemes.keys.sorted().lazy.compactMap { inventory.securitySchemes[$0] }.first {
            $0.type == "apiKey" && $0.name != nil
        }
        switch (key?.location, key?.name) {
        case ("header", let name?): return .header(name: name, value: value)
        case ("query", let name?): return .query(name: name, value: value)
        case ("cookie", let name?): return .cookie(name: name, value: value)
        default: return .header(name: "Authorization", value: "Bearer \(value)")
        }
    }
}
