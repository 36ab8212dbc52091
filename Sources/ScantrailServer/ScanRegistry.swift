import Foundation
import ScantrailApp
import ScantrailCore
import ScantrailReports

/// The scans the web service runs: at most ``ServerSettings/maxConcurrentScans`` at once, the
/// rest queued in order; one active scan per client; every change published to its watchers.
actor ScanRegistry {
    private let settings: ServerSettings
    private var scans: [ScanID: HostedScan] = [:]
    private var requests: [ScanID: ScanRequest] = [:]
    private var queue: [ScanID] = []
    private var running = 0
    private var watchers: [ScanID: [UUID: AsyncStream<HostedScan>.Continuation]] = [:]

    init(settings: ServerSettings) {
        self.settings = settings
    }

    /// Queues an anonymous, passive scan of `url` for `client`.
    ///
    /// - Throws: ``ServerError`` for a URL that cannot be scanned, a client with a scan still
    ///   active, or a full queue.
    func submit(url: String, client: String) throws(ServerError) -> ScanID {
        let target: ScanTarget
        do {
            target = try ScanTarget(parsing: url)
        } catch {
            throw .badRequest("\(error)")
        }
        guard !scans.values.contains(where: { $0.client == client && $0.isActive }) else {
            throw .tooManyRequests("one scan at a time per client: wait for the running one to finish")
        }
        guard queue.count < settings.maxQueuedScans else {
            throw .tooManyRequests("the queue is full; try again in a minute")
        }
        var scanSettings = ScanSettings()
        scanSettings.hosted = true
        scanSettings.exemptAddresses = settings.allowTargets
        scanSettings.deadlineSeconds = settings.anonymousDeadlineSeconds
        scanSettings.budget = settings.anonymousBudget
        let id = ScanID.random()
        scans[id] = HostedScan(id: id, target: target.url, client: client, submittedAt: Date())
        requests[id] = ScanRequest(
            target: target, description: .none, settings: scanSettings, store: settings.store, failOn: .none)
        queue.append(id)
        startQueued()
        return id
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
        while running < settings.maxConcurrentScans, !queue.isEmpty {
            let id = queue.removeFirst()
            guard let request = requests.removeValue(forKey: id) else { continue }
            running += 1
            update(id) { $0.state = .running(completed: 0, total: 0, current: nil) }
            Task { await self.run(id, request) }
        }
        for (position, id) in queue.enumerated() {
            update(id) { $0.state = .queued(position: position + 1) }
        }
    }

    private func run(_ id: ScanID, _ request: ScanRequest) async {
        switch await Self.execute(request, progress: { event in Task { await self.progress(id, event) } }) {
        case .success(let input):
            update(id) {
                $0.report = input
                $0.state = .finished
            }
        case .failure(let reason):
            update(id) { $0.state = .failed(reason.description) }
        }
        running -= 1
        finishWatchers(id)
        startQueued()
    }

    /// Why a hosted scan could not run, in one line.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `request` through the application core and records it; the report input, or why not.
    private static func execute(_ request: ScanRequest, progress: @escaping @Sendable (ScanEvent) -> Void) async
        -> Result<ReportInput, Failure>
    {
        do {
            return .success(
                try await ScanSession.withSession(request) { session in
                    let result = try await session.run(onEvent: progress)
                    let recorded = try await session.record(result)
                    return session.reportInput(for: result, recorded: recorded)
                })
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
