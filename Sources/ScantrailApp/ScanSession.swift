import Foundation
import ScantrailChecks
import ScantrailCore
import ScantrailHTTP
import ScantrailOpenAPI
import ScantrailReports
import ScantrailStore

/// A scan request made ready to run: settings validated, the evidence store open (so a store
/// that cannot be used is found before any request is sent), the baseline found, identities
/// holding their credentials, the description imported and the checks chosen.
///
/// Every front end runs a scan the same way: ``withSession(_:onNotice:_:)``, then ``run(onEvent:)``,
/// then ``record(_:)`` — writing its report in between, so that a store failure loses no report.
public struct ScanSession: Sendable {
    /// The request as submitted.
    public let request: ScanRequest
    /// The identities, credentials obtained.
    public let identities: [Identity]
    /// The checks the engine chooses among.
    public let checks: [any SecurityCheck]
    /// The engine's configuration (the budget grown with the documented operations, the scope
    /// holding the hosts the request names).
    public let configuration: ScanConfiguration
    /// Decides every connection of the scan; shared by its probes, so a pinned address holds.
    private let targetGuard: TargetGuard
    /// Masks every secret of the request, and every secret shape, in all evidence.
    private let redactor: EvidenceRedactor
    /// The per-host connection cap the HTTP probe and the TLS prober share.
    private let connections: HostConnectionLimiter
    private let store: EvidenceStore?
    private let baselineID: String?
    /// The documented operations, when the scan works from a description.
    private let operations: [APIOperation]?

    /// Prepares `request` and runs `body` with the session; the store stays open until `body` returns.
    ///
    /// - Parameter onNotice: What to tell the user while preparing (the description imported…).
    /// - Throws: ``AppError`` for a request that cannot be run, or what `body` throws.
    public static func withSession<Result: Sendable>(
        _ request: ScanRequest,
        onNotice: (ScanNotice) -> Void = { _ in },
        _ body: (ScanSession) async throws -> Result
    ) async throws -> Result {
        try request.settings.validate()
        guard let storeSettings = request.store else {
            if request.baseline != nil { throw AppError.invalid(.baseline, "needs the evidence store") }
            return try await body(try await prepare(request, store: nil, baselineID: nil, onNotice: onNotice))
        }
        return try await storeSettings.withStore { store in
            try await withSession(request, in: store, onNotice: onNotice, body)
        }
    }

    /// Prepares `request` to record in `store`, already open (a long-running service's, shared by
    /// its scans), and runs `body` with the session.
    ///
    /// - Throws: ``AppError`` for a request that cannot be run or an unknown baseline, or what
    ///   `body` throws.
    public static func withSession<Result: Sendable>(
        _ request: ScanRequest,
        in store: EvidenceStore,
        onNotice: (ScanNotice) -> Void = { _ in },
        _ body: (ScanSession) async throws -> Result
    ) async throws -> Result {
        try request.settings.validate()
        // Resolve the baseline first: a typo should not cost a scan.
        var baselineID: String?
        if let baseline = request.baseline {
            do {
                baselineID = try await store.scan(baseline).id
            } catch let error as StoreError {
                throw AppError.invalid(error.description)
            }
        }
        return try await body(try await prepare(request, store: store, baselineID: baselineID, onNotice: onNotice))
    }

    private static func prepare(
        _ request: ScanRequest, store: EvidenceStore?, baselineID: String?, onNotice: (ScanNotice) -> Void
    ) async throws -> ScanSession {
        var names: Set<String> = []
        for source in request.identities where !names.insert(source.name).inserted {
            throw AppError.invalid("identity \(source.name) is given twice")
        }
        let settings = request.settings
        // The scope: the target, and whatever the user named besides it.
        var hosts = [request.target.host]
        if case .location(let location) = request.description, let host = location.host { hosts.append(host) }
        hosts += request.identities.compactMap { $0.tokenHost(on: request.target) }
        let base = settings.configuration(hosts: hosts, basePath: request.target.basePath)
        var identities: [Identity] = []
        for source in request.identities {
            identities.append(try await source.identity(on: request.target, configuration: base))
        }
        let api = try await description(request, identities: identities, configuration: base, onNotice: onNotice)
        let apiChecks = try api.map {
            CheckRegistry.apiChecks(
                $0, burstSize: settings.burst, maxTokenLifetimeHours: settings.maxTokenLifetimeHours,
                dictionary: try Self.keyDictionary(settings, names: [request.target.host, $0.inventory.title]))
        }
        let configuration = settings.configuration(
            documentedOperations: api?.inventory.operations.count ?? 0, hosts: hosts,
            basePath: request.target.basePath)
        return ScanSession(
            request: request, identities: identities, checks: CheckRegistry.surface(api) + (apiChecks ?? []),
            configuration: configuration, targetGuard: TargetGuard(configuration),
            redactor: .standard(
                knownSecrets: identities.flatMap(\.credential.secrets)
                    + request.identities.flatMap(\.acquisitionSecrets)),
            connections: HostConnectionLimiter(limitPerHost: configuration.limits.maxConnectionsPerHost),
            store: store, baselineID: baselineID, operations: api?.inventory.operations)
    }

    /// The description and identities the OpenAPI-driven checks work from, or `nil` when they do not run.
    private static func description(
        _ request: ScanRequest, identities: [Identity], configuration: ScanConfiguration,
        onNotice: (ScanNotice) -> Void
    ) async throws -> APIUnderTest? {
        let found: (source: String, inventory: APIInventory)?
        switch request.description {
        case .none:
            found = nil
        case .imported(let inventory, let source):
            found = (source, inventory)
        case .location(let location):
            found = ("\(location)", try await DescriptionLoader.load(location, configuration: configuration))
        case .automatic:
            guard !identities.isEmpty else { return nil }
            guard
                let discovered = try await DescriptionLoader.discover(on: request.target, configuration: configuration)
            else {
                onNotice(.identitiesUnused)
                return nil
            }
            found = (discovered.url, discovered.inventory)
        }
        guard let found else { return nil }
        onNotice(.descriptionLoaded(source: found.source, inventory: found.inventory))
        return APIUnderTest(inventory: found.inventory, identities: identities)
    }

    /// Scans the target. Cancelling the task still returns a result, marked incomplete.
    ///
    /// - Parameter onEvent: Receives progress events, from any task.
    /// - Throws: ``AppError`` when the scan cannot run (target unreachable, no check selected),
    ///   or ``AppError/cancelled`` when cancelled before it started.
    public func run(onEvent: @escaping @Sendable (ScanEvent) -> Void = { _ in }) async throws -> ScanResult {
        do {
            return try await withCallbacks { callbacks in
                try await HTTPClientProbe.withProbe(
                    configuration: configuration, targetGuard: targetGuard, connections: connections,
                    logger: request.logger
                ) { probe in
                    let sessions = SessionKeepingProbe(probe, identities: identities)
                    var result = try await ScanEngine(
                        checks: checks, configuration: configuration, http: sessions, redactor: redactor,
                        targetGuard: targetGuard, connections: connections, callbacks: callbacks,
                        logger: request.logger
                    )
                    .run(request.target, onEvent: onEvent)
                    result.documentedOperations = operations?.map(\.label)
                    let notes = sessions.notes
                    result.signInsAgain = notes.isEmpty ? nil : notes
                    return result
                }
            }
        } catch let error as ScanError {
            throw AppError.scanFailed("\(error)")
        } catch is CancellationError {
            throw AppError.cancelled
        }
    }

    /// Runs `body` with the callback recorder of the scan's out-of-band probes: a listener of
    /// the scan's own, started only when an active check that needs one is selected.
    private func withCallbacks<Result: Sendable>(_ body: (CallbackRecorder?) async throws -> Result)
        async throws -> Result
    {
        let needed =
            configuration.active
            && checks.contains { check in
                let metadata = type(of: check).metadata
                return metadata.usesCallbacks && configuration.selects(metadata.id)
            }
        guard needed else { return try await body(nil) }
        return try await request.settings.callbacks.withListener(for: request.target, body)
    }

    /// What reports of `result` are rendered from: the trail's view when `recorded` holds one,
    /// the description file's lines for SARIF, the store's SLA policy.
    public func reportInput(for result: ScanResult, recorded: RecordedScan?) -> ReportInput {
        var description: ReportInput.Description?
        if case .location(let location) = request.description, let operations {
            description = DescriptionLines.reference(location: location, operations: operations)
        }
        return ReportInput(
            result: result, trail: recorded?.trail, description: description,
            policy: store?.policy ?? request.store?.configuration.sla ?? SLAPolicy())
    }

    /// Records `result` in the store (when the request has one) and judges it against the gate.
    /// A partial result is recorded too, even when the task running the scan was cancelled.
    ///
    /// - Parameter job: The claimed scan job the scan ran for, completed by the same write.
    /// - Throws: ``AppError`` when the store cannot record it; `StoreError.leaseLost` (nothing
    ///   recorded) when `job`'s claim is no longer current.
    public func record(_ result: ScanResult, completing job: ScanJob? = nil) async throws -> RecordedScan {
        let threshold = request.failOn
        guard let store else {
            return RecordedScan(
                record: nil, counted: result.findings,
                verdict: ScanVerdict(result, counted: result.findings, threshold: threshold), excluded: 0, trail: nil)
        }
        let baselineID = baselineID
        let recording = Task {
            let record = try await store.record(result, completing: job)
            var excluded = try await store.acceptedFingerprints()
            var baseline: Set<Fingerprint>?
            if let baselineID { baseline = try await store.failingFingerprints(in: baselineID) }
            excluded.formUnion(baseline ?? [])
            let counted = result.findings.filter { !excluded.contains($0.fingerprint) }
            return RecordedScan(
                record: record, counted: counted, verdict: ScanVerdict(result, counted: counted, threshold: threshold),
                excluded: result.findings.count - counted.count,
                trail: try await TrailView.load(record, result, baseline: baseline, from: store))
        }
        do {
            return try await recording.value
        } catch let error as StoreError where !error.isLeaseLost {
            throw AppError.storeUnavailable(error.description)
        }
    }

    /// The JWT key candidates: the standard dictionary with the service's `names`, then the
    /// user's word lists.
    ///
    /// - Throws: ``AppError`` naming a word list that cannot be read.
    private static func keyDictionary(_ settings: ScanSettings, names: [String]) throws -> JWTKeyDictionary {
        let lists = try settings.jwtWordlists.map { path in
            do {
                return (
                    name: path, words: JWTKeyDictionary.words(in: try String(contentsOfFile: path, encoding: .utf8))
                )
            } catch {
                throw AppError.invalid(.jwtWordlist, "'\(path)' cannot be read as UTF-8 text")
            }
        }
        return JWTKeyDictionary(serviceNames: names, wordLists: lists)
    }
}
