import Foundation
import ScantrailCore
import ScantrailOpenAPI

/// Error-based injection, per documented parameter (path, query, top-level JSON body field):
/// the parameter's usual value, then a quote, a syntax-breaking tail and a value of another
/// type in its place. A database error that the provocation brings and the usual value does
/// not is a finding; where one appears on a read, two `AND` conditions (one true, one false)
/// confirm it: the true one answers like the usual value, the false one does not. No
/// time-based payload, and no condition that could widen a statement, is ever sent.
public struct InjectionCheck: SecurityCheck {
    /// One parameter's trial.
    public struct Trial: Codable, Sendable {
        /// `GET /products`.
        public let operation: String
        /// `query category`.
        public let parameter: String
        /// The request with the usual value.
        public let benign: ExchangeRecord
        /// `quote`, `syntax-breaking`, `type confusion`, then `condition true`, `condition false`.
        public let provocations: [ExchangeRecord]
    }

    /// What the check observed.
    public struct Evidence: Codable, Sendable {
        /// `scheme://host:port`.
        public let origin: String
        /// One per parameter probed.
        public let trials: [Trial]
        /// Operations not probed, with why (passive mode, no parameter).
        public let untested: [String: String]
    }

    /// Why an operation is not probed.
    static let noParameter = "no path, query or JSON body parameter to vary"

    private let api: APIUnderTest

    /// A check over `api`'s operations.
    public init(api: APIUnderTest) {
        self.api = api
    }

    public static let metadata = CheckMetadata(
        id: "injection.errors", title: "Database errors provoked through documented parameters", rules: Rules.all)

    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence {
        let (targets, untested) = try await ParameterTarget.all(
            of: api, on: target, context: context, none: Self.noParameter
        ) { _ in true }
        let trials = try await context.concurrentMap(targets) { probed in
            func send(_ name: String, _ value: JSONValue) async throws -> ExchangeRecord {
                try await probed.send(value, as: name, api, on: target, context: context).record
            }
            let parameter = probed.parameter
            let benign = try await send("usual value", parameter.value)
            var provoked: [ExchangeRecord] = []
            // One database error is enough: the next provocations are not sent.
            for (name, value) in parameter.provocations {
                provoked.append(try await send(name, value))
                if Self.databaseError(in: provoked.last!) != nil { break }
            }
            if !probed.operation.isUnsafe, Self.databaseError(in: benign) == nil,
                provoked.contains(where: { Self.databaseError(in: $0) != nil })
            {
                let conditions = parameter.conditions
                provoked.append(try await send("condition true", conditions.true))
                provoked.append(try await send("condition false", conditions.false))
            }
            return Trial(operation: probed.label, parameter: parameter.label, benign: benign, provocations: provoked)
        }
        return Evidence(origin: target.origin, trials: trials, untested: untested)
    }

    /// The database a record's body shows an error of, with an excerpt.
    static func databaseError(in record: ExchangeRecord) -> VerboseErrorCheck.Sign? {
        VerboseErrorCheck.signs(in: record.bodyExcerpt).first { $0.kind == ErrorSignature.Kind.sqlError.rawValue }
    }

    public func evaluate(_ evidence: Evidence) -> [Outcome] {
        let untested = ParameterTarget.outcomes(
            untested: evidence.untested, origin: evidence.origin, none: Self.noParameter, rules: Rules.all)
        return untested + evidence.trials.map { judge($0, evidence.origin) }
    }

    private func judge(_ trial: Trial, _ origin: String) -> Outcome {
        let location = Location(origin: origin, operation: trial.operation, discriminator: trial.parameter)
        guard trial.benign.status != nil else {
            return .inconclusive(Rules.sqlError, at: location, "the usual value got \(trial.benign.summary)")
        }
        if let error = Self.databaseError(in: trial.benign) {
            return .inconclusive(
                Rules.sqlError, at: location, "the usual value already shows a \(error.source) error: \(error.excerpt)")
        }
        let provocations = trial.provocations.filter { !$0.sentAs.hasPrefix("condition") }
        guard let provoked = provocations.first(where: { Self.databaseError(in: $0) != nil }),
            let error = Self.databaseError(in: provoked)
        else {
            let names = provocations.map(\.sentAs).joined(separator: ", ")
            return .passed(
                Rules.sqlError, at: location, "\(names): no database error (usual value: \(trial.benign.summary))")
        }
        var detail =
            "\(provoked.sentAs): \(provoked.summary) with a \(error.source) error (\(error.excerpt)); usual value: \(trial.benign.summary)"
        // A bound parameter of the wrong type errs too: a type error alone proves no injection.
        if provoked.sentAs == "type confusion" {
            return .inconclusive(
                Rules.sqlError, at: location,
                detail + "; only a value of another type erred, which a bound parameter can do too")
        }
        let condition = { (name: String) in trial.provocations.first { $0.sentAs == name } }
        if let yes = condition("condition true"), let no = condition("condition false"), trial.benign.succeeded,
            ResponseSimilarity.resembles(yes, trial.benign), !ResponseSimilarity.resembles(no, trial.benign)
        {
            detail += "; confirmed: a true condition answered like the usual value, a false one did not"
        }
        return .failed(Rules.sqlError, at: location, detail)
    }
}
