import Foundation
import ScantrailApp
import ScantrailCore
import ScantrailReports
import ScantrailStore

/// The scans the web service runs: at most ``ServerSettings/maxConcurrentScans`` at once, the
/// rest queued in order; one active anonymous scan per client; every change published to its
/// watchers; every finished scan recorded in the service's store as whoever asked for it.
actor ScanRegistry {
    private let settings: ServerSettings
    private let store: EvidenceStore?
    private var scans: [ScanID: HostedScan] = [:]
    private var requests: [ScanID: (request: ScanRequest, actor: String)] = [:]
    private var queue: [ScanID] = []
    private var tasks: [ScanID: Task<Void, Never>] = [:]
    private var watchers: [ScanID: [UUID: AsyncStream<HostedScan>.Continuation]] = [:]
    private var draining = false

    init(settings: ServerSettings, store: EvidenceStore?) {
        self.settings = settings
        self.store = store
    }

    /// Queues a scan of `url` (with `description`: an uploaded one, or the http(s) URL of one)
    /// for `caller`: passive always; an anonymous one bounded by the anonymous deadline and budget.
    ///
    /// - Throws: ``ServerError`` for a URL that cannot be scanned, a description location that is
    ///   not an http(s) URL, an anonymous client with a scan still active, a full queue, or a
    ///   server shutting down.
    func submit(url: String, description: DescriptionSource, caller: Caller) throws(ServerError) -> ScanID {
        let target: ScanTarget
        var hosts: [String] = []
        do {
            target = try ScanTarget(parsing: url)
            hosts.append(target.host)
        } catch {
            throw .badRequest("\(error)")
        }
        if case .location(let location) = description {
            // Only a URL: nothing a caller sends may name a file of the server.
            guard let host = location.host else { throw .badRequest("the description must be an http(s) URL") }
            hosts.append(host)
        }
        if case .automatic = description { throw .badRequest("the description is given, uploaded or none") }
        if settings.onlyAllowedTargets, let host = hosts.first(where: { !settings.allows($0) }) {
            throw ServerError(
                status: .forbidden, title: "Target not allowed",
                detail: "this server scans only its allowed targets, not \(host)")
        }
        guard !draining else {
            throw ServerError(status: .serviceUnavailable, title: "Shutting down", detail: "try again in a minute")
        }
        // Each caller's share of the queue: one scan at a time for an anonymous client, a few
        // for a key, so that nobody fills it for everyone else.
        let active = scans.values.count { $0.owner == caller.quotaKey && $0.isActive }
        if caller.key == nil, active > 0 {
            throw .tooManyRequests(
                "one scan at a time per client: wait for the running one to finish",
                retryAfter: Int(settings.anonymousDeadlineSeconds.rounded(.up)))
        }
        if caller.key != nil, active >= settings.maxActiveScansPerKey {
            throw .tooManyRequests(
                "a key may have \(settings.maxActiveScansPerKey) scans queued or running at once", retryAfter: 60)
        }
        guard queue.count < settings.maxQueuedScans else {
            throw .tooManyRequests("the queue is full; try again in a minute", retryAfter: 60)
        }
        var scanSettings = ScanSettings()
        scanSettings.hosted = true
        scanSettings.exemptAddresses = settings.allowTargets
        scanSettings.deadlineSeconds = settings.keyDeadlineSeconds
        if caller.key == nil {
            scanSettings.deadlineSeconds = settings.anonymousDeadlineSeconds
            scanSettings.budget = settings.anonymousBudget
        }
        let id = ScanID.random()
        scans[id] = HostedScan(id: id, target: target.url, owner: caller.quotaKey, submittedAt: Date())
        let request = ScanRequest(
            target: target, description: description,
            settings: scanSettings, failOn: .none)
        requests[id] = (request, caller.actor)
        queue.append(id)
        startQueued()
        return id
    }

    /// Stops taking scans, ends the running ones (each returns what it found, marked incomplete,
    /// and is recorded), and fails the queued ones; returns once every running scan is recorded.
    func drain() async {
        draining = true
        for id in queue { update(id) { $0.state = .failed("the server stopped before the scan could start") } }
        for id in queue { finishWatchers(id) }
        queue.removeAll()
        requests.removeAll()
        let running = Array(tasks.values)
        for task in running { task.cancel() }
        for task in running { await task.value }
    }

    /// The scan with `id`, if kept.
    func scan(_ id: ScanID) -> HostedScan? { scans[id] }

    /// The scan's states from now on, starting with the current one, until it ends.
    func updates(_ id: ScanID) -> AsyncStream<HostedScan> {
        let (stream, continuation) = AsyncStream<HostedScan>.makeStream(bufferingPolicy: .bufferingNewest(16))
        guard let scan = scans[id] else {
            continuation.finish()
            return stream
        }
        continuation.yield(scan)
        guard scan.isActive else {
            continuation.finish()
            return stream
        }
        let token = UUID()
        watchers[id, default: [:]][token] = continuation
        continuation.onTermination = { _ in Task { await self.unwatch(id, token) } }
        return stream
    }

    private func unwatch(_ id: ScanID, _ token: UUID) {
        watchers[id]?[token] = nil
    }

    private func startQueued() {
        while tasks.count < settings.maxConcurrentScans, !queue.isEmpty {
            let id = queue.removeFirst()
            guard let (request, actor) = requests.removeValue(forKey: id) else { continue }
            update(id) { $0.state = .running(completed: 0, total: 0, current: nil) }
            let store = store?.acting(as: actor)
            tasks[id] = Task { await self.run(id, request, store: store) }
        }
        for (position, id) in queue.enumerated() {
            update(id) { $0.state = .queued(position: position + 1) }
        }
    }

    private func run(_ id: ScanID, _ request: ScanRequest, store: EvidenceStore?) async {
        // The engine stops its checks at the deadline; this bounds everything around them too
        // (a description or its references trickled in, an identity's sign-in), so no target
        // holds a slot longer. Cancelled (the server draining), the scan returns what it found.
        let limit = ServerSettings.hardDeadline(request.settings.deadlineSeconds)
        let (outcome, stopped) = await withTaskGroup(of: Result<ReportInput, Failure>?.self) { group in
            group.addTask {
                await Self.execute(request, store: store) { event in Task { await self.progress(id, event) } }
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(limit))
                return nil
            }
            var outcome: Result<ReportInput, Failure>?
            var stopped = false
            for await step in group {
                if let step {
                    outcome = step
                } else if outcome == nil {
                    stopped = !Task.isCancelled
                }
                group.cancelAll()
            }
            return (outcome ?? .failure(Failure(description: "the scan stopped")), stopped)
        }
        switch outcome {
        case .success(let input):
            update(id) {
                $0.report = input
                $0.state = .finished
            }
        case .failure where stopped:
            update(id) { $0.state = .failed("the scan did not end within \(Int(limit)) s and was stopped") }
        case .failure(let reason):
            update(id) { $0.state = .failed(reason.description) }
        }
        tasks[id] = nil
        finishWatchers(id)
        startQueued()
    }

    /// Why a hosted scan could not run, in one line.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `request` through the application core and records it in `store`; the report input,
    /// or why not. A cancelled scan still returns (and records) what it found, marked incomplete.
    private static func execute(
        _ request: ScanRequest, store: EvidenceStore?, progress: @escaping @Sendable (ScanEvent) -> Void
    ) async -> Result<ReportInput, Failure> {
        func scan(_ session: ScanSession) async throws -> ReportInput {
            let result = try await session.run(onEvent: progress)
            return session.reportInput(for: result, recorded: try await session.record(result))
        }
        do {
            guard let store else { return .success(try await ScanSession.withSession(request, scan)) }
            return .success(try await ScanSession.withSession(request, in: store, scan))
        } catch let error as AppError {
            return .failure(Failure(description: error.description))
        } catch {
            return .failure(Failure(description: "the scan stopped: \(error)"))
        }
    }

    private func progress(_ id: ScanID, _ event: ScanEvent) {
        guard case .running(let completed, let total, let current) = scans[id]?.state else { return }
        switch event {
        case .started(let checks):
            update(id) { $0.state = .running(completed: completed, total: checks, current: current) }
        case .checkStarted(_, let title):
            update(id) { $0.state = .running(completed: completed, total: total, current: title) }
        case .checkFinished(_, _, let done, let all):
            update(id) { $0.state = .running(completed: max(completed, done), total: all, current: current) }
        }
    }

    private func update(_ id: ScanID, _ change: (inout HostedScan) -> Void) {
        guard var scan = scans[id] else { return }
        change(&scan)
        scans[id] = scan
        for continuation in (watchers[id] ?? [:]).values { continuation.yield(scan) }
    }

    private func finishWatchers(_ id: ScanID) {
        for continuation in (watchers[id] ?? [:]).values { continuation.finish() }
        watchers[id] = nil
    }
}
