import Dispatch
import Foundation

/// Turns the first interrupt into a clean stop (a scan cancelled with its partial report still
/// written; a worker drained); a second one ends the process at once.
final class InterruptHandler {
    private let sources: [any DispatchSourceSignal]
    private let signals: [Int32]

    /// Starts handling `signals` (Ctrl-C by default) with `onInterrupt`, saying `message`, until ``stop()``.
    init(
        signals: [Int32] = [SIGINT],
        message: String = "interrupted; stopping and writing a partial report (Ctrl-C again to quit now)",
        onInterrupt: @escaping @Sendable () -> Void
    ) {
        let count = Counter()
        self.signals = signals
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if count.increment() > 1 { exit(ExitStatus.interrupted.rawValue) }
                StandardError.write("scantrail: \(message)")
                onInterrupt()
            }
            source.resume()
            return source
        }
    }

    /// Restores the default behaviour of the signals.
    func stop() {
        for source in sources { source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
    }
}
