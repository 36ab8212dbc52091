import Foundation
import ScantrailCore
import ScantrailOpenAPI

extension MassAssignmentCheck {
    /// Signs up a fresh account with privileged fields, then reads its profile back with the
    /// credential the sign-up answer hands out, or that signing in as it gets.
    func signUp(
        _ operation: APIOperation, _ signUp: SignUpBody, injected: [String: JSONValue], _ target: ScanTarget,
        _ context: ScanContext
    ) async throws -> Trial {
        let secrets = api.secrets + [signUp.password.value]
        func send(_ operation: APIOperation, _ body: [String: JSONValue]?, _ credential: Identity.Credential?)
            async throws -> ExchangeRecord
        {
            var request = api.request(operation, on: target, credential: credential)
            if let body { request.body = try JSONEncoder().encode(JSONValue.object(body)) }
            request.acceptsEarlierAnswer = false
            return ExchangeRecord(try await context.http.send(request), sentAs: "new account", secrets: secrets)
        }
        let created = try await send(operation, signUp.body, nil)
        var trial = Trial(operation: operation.label, notTested: nil, injected: injected, record: created)
        guard created.succeeded else { return trial }
        var token = Self.issuedToken(in: created)
        if token == nil,
            let login = api.inventory.operations.first(where: { AccountEnumerationCheck.purpose(of: $0)?.0 == .login }),
            let fields = AccountEnumerationCheck.purpose(of: login), let password = fields.password,
            case .object(var body)? = login.requestBody?.example
        {
            body[fields.account] = .string(signUp.account.value)
            body[password] = .string(signUp.password.value)
            token = Self.issuedToken(in: try await send(login, body, nil))
        }
        let profile = api.inventory.operations.first {
            $0.isSecured && !$0.isUnsafe && OwnIdentifiers.isProfile($0.path)
        }
        if let token, let profile {
            trial.readBack = try await send(profile, nil, .header(name: "Authorization", value: "Bearer \(token)"))
        }
        return trial
    }

    /// The token a sign-up or sign-in answer hands out, at its top level or under `data`.
    static func issuedToken(in record: ExchangeRecord) -> String? {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: Data(record.bodyExcerpt.utf8)) else {
            return nil
        }
        for level in [json, json["data"]].compactMap({ $0 }) {
            for key in SecretsCheck.issuedTokenKeys.sorted() {
                if case .string(let token)? = level[key] { return token }
            }
        }
        return nil
    }
}
