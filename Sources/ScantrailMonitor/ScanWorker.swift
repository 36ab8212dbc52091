import Foundation
import ScantrailApp
import ScantrailCore
import ScantrailStore

/// Runs the scans that monitored targets' schedules make due. Any number of workers, in any
/// number of processes and machines, share one store: each queues what is due, claims jobs one
/// at a time (never one another's), keeps its claims alive with heartbeats, and records each
/// scan together with the end of its job, so a scan is recorded once even when a worker dies
/// and another takes its job over after the lease. Idle workers wake on the store's
/// notifications (PostgreSQL's LISTEN/NOTIFY) and poll besides.
public struct ScanWorker: Sendable {
    /// How a worker runs.
    public struct Options: Sendable {
        /// Its name in the queue and the logs (default `host:pid`).
        public var name = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
        /// Scans it runs at once.
        public var concurrency = 2
        /// How often it looks for due scans without being woken.
        public var pollSeconds: Double = 5
        /// How long a claim holds without a heartbeat; heartbeats come every third of it.
        public var leaseSeconds: Double = 60
        /// Attempts per job before it fails for good.
        public var maxAttempts = 3
        /// When a failed attempt runs again.
        public var retry = RetryPolicy()
        /// Return once nothing runs and nothing waits in the queue, retries included (a cron
        /// job's single pass, tests).
        public var exitWhenIdle = false
        /// How each scan runs (limits, checks, active mode); targets bring URL, description and identities.
        public var scan = ScanSettings()

        /// Creates the default options.
        public init() {}
    }

    /// Where the worker records, and what its targets' identity files may refer to.
    public let settings: StoreSettings
    public let options: Options
    /// Read for `${VAR}` references in identity files.
    public let environment: [String: String]

    /// Creates a worker.
    public init(
        settings: StoreSettings, options: Options = Options(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.settings = settings
        self.options = options
        self.environment = environment
    }

    /// Runs due scans until `drain` is requested (then finishes the scans running) or, with
    /// ``Options/exitWhenIdle``, until nothing is left to run.
    ///
    /// - Parameter onEvent: Receives what the worker does, from any task.
    /// - Throws: ``AppError`` for options that cannot work or a store that cannot be opened.
    public func run(drain: WorkerDrain = WorkerDrain(), onEvent: @escaping @Sendable (WorkerEvent) -> Void) async throws
    {
        guard options.concurrency >= 1, options.maxAttempts >= 1 else {
            throw AppError.invalid("a worker needs a concurrency and attempts of at least 1")
        }
        guard options.pollSeconds > 0, options.leaseSeconds >= 3 else {
            throw AppError.invalid("a worker needs a positive poll interval and a lease of at least 3 seconds")
        }
        try options.scan.validate()
        let dispatcher = try AlertDispatcher(configuration: settings.configuration, environment: environment)
        let followUps = WorkerFollowUps(
            alerts: dispatcher.webhooks.isEmpty ? nil : dispatcher,
            tickets: try TicketSync(configuration: settings.configuration, environment: environment))
        try await settings.withStore { store in
            onEvent(.started(worker: options.name, concurrency: options.concurrency, store: store.database.kind))
            await loop(store, followUps: followUps, drain: drain, onEvent: onEvent)
            onEvent(.stopped)
        }
    }

    /// Why the loop wakes.
    private enum Wake: Sendable {
        case finished
        case notified
        case tick
        case drain
    }

    private func loop(
        _ store: EvidenceStore, followUps: WorkerFollowUps, drain: WorkerDrain,
        onEvent: @escaping @Sendable (WorkerEvent) -> Void
    ) async {
        let (wakes, wake) = AsyncStream.makeStream(of: Wake.self)
        drain.onRequest { wake.yield(.drain) }
        let poll = options.pollSeconds
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                // Without notifications (SQLite, or a dropped connection) polling carries on alone.
                try? await store.database.listen(EvidenceStore.jobsChannel) { wake.yield(.notified) }
            }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(poll))
                    wake.yield(.tick)
                }
            }
            var running = 0
            var announcedDrain = false
            var followUps = followUps
            var events = wakes.makeAsyncIterator()
            while true {
                await followUps.runDue(in: store, onEvent: onEvent)
                if drain.isRequested {
                    if !announcedDrain {
                        onEvent(.draining(running: running))
                        announcedDrain = true
                    }
                    if running == 0 { break }
                } else {
                    running += await startJobs(store, running: running, group: &group, wake: wake, onEvent: onEvent)
                    if options.exitWhenIdle, running == 0, (try? await store.queuedScanJobs()) == 0 { break }
                }
                switch await events.next() {
                case .finished:
                    running -= 1
                    followUps.scanEnded()
                case .notified, .tick, .drain, nil: break
                }
            }
            group.cancelAll()
        }
    }

    /// Queues what is due and claims jobs up to the concurrency; the number started.
    private func startJobs(
        _ store: EvidenceStore, running: Int, group: inout TaskGroup<Void>,
        wake: AsyncStream<Wake>.Continuation, onEvent: @escaping @Sendable (WorkerEvent) -> Void
    ) async -> Int {
        var started = 0
        do {
            let queued = try await store.enqueueDueScans(maxAttempts: options.maxAttempts, next: Self.nextRun)
            if !queued.isEmpty { onEvent(.queued(queued)) }
            while running + started < options.concurrency,
                let job = try await store.claimScanJob(worker: options.name, leaseSeconds: options.leaseSeconds)
            {
                started += 1
                group.addTask {
                    await self.perform(job, in: store, onEvent: onEvent)
                    wake.yield(.finished)
                }
            }
        } catch {
            onEvent(.storeTrouble("\(error)"))
        }
        return started
    }

    /// When `target` is next due after `now`, by its schedule.
    @Sendable private static func nextRun(_ target: MonitoredTarget, after now: Date) -> Date {
        // Schedules are checked as targets are added; one the monitor cannot read runs daily.
        (try? Schedule(spec: target.schedule))?.next(after: now) ?? now.addingTimeInterval(86_400)
    }

    /// Runs one claimed job to its end: recorded, retried, failed, dropped, or lost to another worker.
    private func perform(_ job: ScanJob, in store: EvidenceStore, onEvent: @escaping @Sendable (WorkerEvent) -> Void)
        async
    {
        do {
            let target = try await store.monitoredTarget(job.targetID)
            guard target.pausedAt == nil else {
                let reason = "its target is paused"
                onEvent(.cancelled(try await store.cancelScanJob(job, reason: reason), reason: reason))
                return
            }
            onEvent(.scanning(job))
            let record = try await scan(target, job: job, in: store)
            onEvent(.recorded(job, record))
        } catch let error as StoreError where error.isNotFound {
            let reason = "its target is no longer monitored"
            _ = try? await store.cancelScanJob(job, reason: reason)
            onEvent(.cancelled(job, reason: reason))
        } catch let error as StoreError where error.isLeaseLost {
            onEvent(.leaseLost(job))
        } catch {
            await fail(job, error: "\(error)", in: store, onEvent: onEvent)
        }
    }

    /// Scans `target` for `job`, heartbeating its lease, and records the scan with the job's end.
    private func scan(_ target: MonitoredTarget, job: ScanJob, in store: EvidenceStore) async throws -> ScanRecord {
        let configuration = try AppConfiguration.load(target.identitiesFrom)
        var settings = options.scan
        settings.exclusions += configuration.exclude
        let request = ScanRequest(
            target: try ScanTarget(parsing: target.url),
            description: try target.description.map { .location(try DescriptionLocation(parsing: $0)) } ?? .automatic,
            identities: try configuration.identitySources(environment: environment), settings: settings)
        return try await ScanSession.withSession(request, in: store) { session in
            let scan = Task { try await session.run() }
            let heartbeat = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(options.leaseSeconds / 3))
                    do {
                        try await store.renewLease(of: job, leaseSeconds: options.leaseSeconds)
                    } catch let error as StoreError where error.isLeaseLost {
                        scan.cancel()  // another worker has it: stop sending requests
                        return
                    } catch {
                        continue  // a passing store failure; the lease outlasts a few missed beats
                    }
                }
            }
            defer { heartbeat.cancel() }
            let result = try await withTaskCancellationHandler {
                try await scan.value
            } onCancel: {
                scan.cancel()
            }
            guard let record = try await session.record(result, completing: job).record else {
                throw AppError.storeUnavailable("the scan was not recorded")
            }
            return record
        }
    }

    /// Ends a failed attempt: queued again after the back-off, or failed for good.
    private func fail(
        _ job: ScanJob, error: String, in store: EvidenceStore, onEvent: @escaping @Sendable (WorkerEvent) -> Void
    ) async {
        var random = SystemRandomNumberGenerator()
        let retryAt = Date().addingTimeInterval(options.retry.delay(afterAttempt: job.attempts, using: &random))
        do {
            let ended = try await store.failScanJob(job, error: error, retryAt: retryAt)
            onEvent(.failed(ended, error: error, retryAt: ended.state == .queued ? retryAt : nil))
        } catch let failure as StoreError where failure.isLeaseLost {
            onEvent(.leaseLost(job))
        } catch {
            onEvent(.storeTrouble("\(error)"))
        }
    }
}
