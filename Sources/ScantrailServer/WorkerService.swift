import Logging
import ScantrailMonitor
import ServiceLifecycle

/// The in-process worker of `serve --worker`: runs due scans beside the web service, each of its
/// events a log line; on shutdown it drains (the scans it runs are finished and recorded).
struct WorkerService: Service {
    let worker: ScanWorker
    let logger: Logger

    func run() async throws {
        let drain = WorkerDrain()
        try await withGracefulShutdownHandler {
            try await worker.run(drain: drain) { event in logger.info("\(event.description)") }
        } onGracefulShutdown: {
            drain.request()
        }
    }
}
