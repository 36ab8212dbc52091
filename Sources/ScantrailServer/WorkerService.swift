import ScantrailMonitor
import ServiceLifecycle

/// The in-process worker of `serve --worker`: runs due scans beside the web service, telling
/// `onEvent` what it does; on shutdown it drains (the scans it runs are finished and recorded).
struct WorkerService: Service {
    let worker: ScanWorker
    let onEvent: @Sendable (WorkerEvent) -> Void

    func run() async throws {
        let drain = WorkerDrain()
        try await withGracefulShutdownHandler {
            try await worker.run(drain: drain, onEvent: onEvent)
        } onGracefulShutdown: {
            drain.request()
        }
    }
}
