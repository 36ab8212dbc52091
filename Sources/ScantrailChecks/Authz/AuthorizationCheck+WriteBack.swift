import Foundation
import ScantrailCore
import ScantrailOpenAPI

extension AuthorizationCheck {
    /// How a write trial was made harmless, and its control.
    public struct WriteBack: Codable, Sendable {
        /// The read whose answer was the body: `GET /orders/{orderId}`, as the rightful caller,
        /// written back unchanged.
        public let read: String
        /// The same write without credentials (sent only when the other identity's succeeded):
        /// a server that takes it from anyone fails authentication, not authorization.
        public let anonymous: ExchangeRecord?
    }

    /// Whether a write of `method` replaces an object with a body, so it can put back what was read.
    private static func writesBack(_ method: String) -> Bool { method == "PUT" || method == "PATCH" }

    /// The writes that can be made harmless: a secured PUT or PATCH of `operations` with a
    /// readable GET of the same path, whose answer is written back. Each is paired with that read.
    private func writeBacks(of operations: [APIOperation]) -> [(read: APIOperation, write: APIOperation)] {
        operations.filter { Self.writesBack($0.method) && $0.isSecured }.compactMap { write in
            readable.first { $0.path == write.path }.map { ($0, write) }
        }
    }

    /// Writes of `operations` that are never sent, with why: a DELETE or POST cannot be undone
    /// by writing a value back, nor a PUT or PATCH with no GET of the same path to read it from.
    private func unwritable(_ operations: [APIOperation]) -> [String: String] {
        let harmless = Set(writeBacks(of: operations).map(\.write.label))
        return operations.filter { $0.isUnsafe && $0.isSecured && !harmless.contains($0.label) }.reduce(
            into: [:]
        ) { notes, operation in
            notes[operation.label] =
                Self.writesBack(operation.method)
                ? "no GET of the same path to read the value to write back"
                : "a \(operation.method) cannot be undone by writing a value back"
        }
    }

    /// Write trials of `candidates` for the objects `reads` found, as `owner` and `intruder`, with
    /// `--active`; the writes not sent, with why (passive mode; nothing read to write back;
    /// nothing that could be written back).
    func writeTrials(
        _ kind: Kind, after reads: [(operation: APIOperation, values: [String: String])],
        among candidates: [APIOperation], owner: Identity, intruder: Identity, _ target: ScanTarget,
        _ context: ScanContext
    ) async throws -> (trials: [Trial], untried: [String: String]) {
        let writes = writeBacks(of: candidates)
        guard context.configuration.active else {
            let unsafe = candidates.filter { $0.isUnsafe && $0.isSecured }
            return ([], Dictionary(uniqueKeysWithValues: unsafe.map { ($0.label, $0.passiveModeNote) }))
        }
        let jobs = reads.flatMap { read in
            writes.filter { $0.read.label == read.operation.label }.map { (read.values, $0.read, $0.write) }
        }
        var untried = unwritable(candidates)
        for write in writes.map(\.write) where !jobs.contains(where: { $0.2.label == write.label }) {
            untried[write.label] = "\(owner.name) was served no object of this path to write back"
        }
        let trials = try await context.concurrentMap(jobs) { values, read, write in
            try await writeTrial(
                kind, read: read, write: write, values: values, owner: owner, intruder: intruder, target, context)
        }
        return (trials.compactMap { $0 }, untried)
    }

    /// `write` of the object `read` (with `values`) answered to `owner`: the owner's own answer
    /// written back by the owner, then unchanged by `intruder`, and, when that succeeds, without
    /// credentials. `nil` when the owner's read has no JSON to write back.
    private func writeTrial(
        _ kind: Kind, read: APIOperation, write: APIOperation, values: [String: String], owner: Identity,
        intruder: Identity, _ target: ScanTarget, _ context: ScanContext
    ) async throws -> Trial? {
        let ownerCredential = try await owner.currentCredential()
        let original = try await context.http.send(
            api.request(read, on: target, values: values, credential: ownerCredential))
        guard let response = original.response, (200..<300).contains(response.status), !response.bodyTruncated,
            case .object? = try? JSONDecoder().decode(JSONValue.self, from: response.body)
        else { return nil }
        func send(_ name: String, _ credential: Identity.Credential?) async throws -> ExchangeRecord {
            let request = api.request(write, on: target, values: values, credential: credential)
                .carryingJSON(response.body)
            return ExchangeRecord(try await context.http.send(request), sentAs: name, secrets: api.secrets)
        }
        let owned = try await send(owner.name, ownerCredential)
        let intruded = try await send(intruder.name, try await intruder.currentCredential())
        let anonymous = owned.succeeded && intruded.succeeded ? try await send("anonymous", nil) : nil
        var trial = Trial(
            kind: kind, operation: write.label, owner: owned, intruder: intruded, ownerIsCatchAll: false)
        trial.write = WriteBack(read: read.label, anonymous: anonymous)
        return trial
    }

    /// The outcome of a write trial.
    static func judgeWrite(_ trial: Trial, _ write: WriteBack, rule: Rule, at location: Location) -> Outcome {
        let comparison =
            "\(trial.owner.sentAs): \(trial.owner.summary); \(trial.intruder.sentAs): \(trial.intruder.summary)"
        let harmless = "the body was \(trial.owner.sentAs)'s own \(write.read) answer, written back unchanged"
        guard trial.owner.succeeded else {
            return .inconclusive(
                rule, at: location, "the rightful caller's own write-back was refused — \(comparison); \(harmless)")
        }
        guard trial.intruder.succeeded else { return .passed(rule, at: location, "\(comparison); \(harmless)") }
        if let anonymous = write.anonymous, anonymous.succeeded {
            return .inconclusive(
                rule, at: location,
                "the write succeeds without credentials too (anonymous: \(anonymous.summary)): an authentication failure, not one of authorization — \(comparison)"
            )
        }
        guard ResponseSimilarity.resembles(trial.intruder, trial.owner) else {
            return .inconclusive(
                rule, at: location,
                "\(trial.intruder.sentAs)'s write answered success with another body than \(trial.owner.sentAs)'s — \(comparison)"
            )
        }
        return .failed(
            rule, at: location,
            "\(trial.intruder.sentAs) could write \(trial.owner.sentAs)'s object — \(comparison), anonymous: \(write.anonymous?.summary ?? "not sent"); \(harmless)"
        )
    }
}
