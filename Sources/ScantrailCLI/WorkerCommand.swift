import ArgumentParser
import Foundation
import ScantrailMonitor

/// `scantrail worker`: runs the scans monitored targets' schedules make due.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run the scans that monitored targets' schedules make due ('scantrail targets add').",
        discussion: """
            Any number of workers, on any number of machines, can share one PostgreSQL store: each claims due \
            scans with FOR UPDATE SKIP LOCKED under a lease its heartbeats renew; a dead worker's scan is taken \
            over once its lease lapses and recorded exactly once. Idle workers wake on LISTEN/NOTIFY and poll \
            besides. A failed scan is retried with jittered exponential back-off. SIGTERM or Ctrl-C drains: no \
            new scans, the running ones finish and are recorded; a second signal quits at once.
            """
    )

    @Option(help: "Scans run at once.")
    var concurrency = 2

    @Option(help: ArgumentHelp("Look for due scans this often when not woken.", valueName: "seconds"))
    var pollSeconds: Double = 5

    @Option(help: ArgumentHelp("A claim lapses this long after its last heartbeat.", valueName: "seconds"))
    var leaseSeconds: Double = 60

    @Option(help: "Attempts per due scan before it fails for good.")
    var maxAttempts = 3

    @Option(help: ArgumentHelp("The back-off after a first failed attempt, doubling.", valueName: "seconds"))
    var retrySeconds: Double = 60

    @Option(help: "This worker's name in the queue (default: host:pid).")
    var name: String?

    @Flag(help: "Exit once nothing is due and nothing runs, instead of waiting for the next due scan.")
    var exitWhenIdle = false

    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be 1 to 64") }
        guard (1...20).contains(maxAttempts) else { throw ValidationError("--max-attempts must be 1 to 20") }
        guard pollSeconds >= 0.1 else { throw ValidationError("--poll-seconds must be at least 0.1") }
        guard leaseSeconds >= 3 else { throw ValidationError("--lease-seconds must be at least 3") }
        guard retrySeconds >= 0 else { throw ValidationError("--retry-seconds cannot be negative") }
    }

    func run() async throws {
        var options = ScanWorker.Options()
        options.concurrency = concurrency
        options.pollSeconds = pollSeconds
        options.leaseSeconds = leaseSeconds
        options.maxAttempts = maxAttempts
        options.retry = RetryPolicy(baseSeconds: retrySeconds)
        options.exitWhenIdle = exitWhenIdle
        if let name { options.name = name }
        let drain = WorkerDrain()
        let interrupt = InterruptHandler(
            signals: [SIGTERM, SIGINT], message: "draining: finishing the running scans (again to quit now)",
            onInterrupt: drain.request)
        defer { interrupt.stop() }
        try await ScanWorker(settings: try store.settings(), options: options).run(drain: drain) { event in
            // Unbuffered, line by line, for journald and `docker logs`.
            FileHandle.standardOutput.write(Data((event.description + "\n").utf8))
        }
    }
}
