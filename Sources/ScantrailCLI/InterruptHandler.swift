import Dispatch
import Foundation

/// Turns the first Ctrl-C into a clean stop (the scan is cancelled and its partial report still
/// written); a second Ctrl-C ends the process at once.
final class InterruptHandler {
    private let source: any DispatchSourceSignal

    /// Starts handling SIGINT with `onInterrupt` until ``stop()``.
    init(onInterrupt: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        let count = Counter()
        source.setEventHandler {
            if count.increment() > 1 { exit(ExitStatus.interrupted.rawValue) }
            StandardError.write(
                "scantrail: interrupted; stopping and writing a partial report (Ctrl-C again to quit now)")
            onInterrupt()
        }
        source.resume()
        self.source = source
    }

    /// Restores the default Ctrl-C behaviour.
    func stop() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
