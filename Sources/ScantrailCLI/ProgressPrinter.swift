import ScantrailCore
import Synchronization

/// Shows a scan's progress on standard error: one redrawn status line on a terminal, plain
/// lines otherwise, nothing when quiet.
final class ProgressPrinter: Sendable {
    private struct State {
        var total = 0
        var done = 0
        var running: [String] = []
    }

    private let enabled: Bool
    private let isTerminal: Bool
    private let state = Mutex(State())

    /// Creates a printer; `enabled: false` prints nothing.
    init(enabled: Bool, isTerminal: Bool = StandardError.isTerminal) {
        self.enabled = enabled
        self.isTerminal = isTerminal
    }

    /// Handles one event.
    func handle(_ event: ScanEvent) {
        guard enabled else { return }
        state.withLock { state in
            switch event {
            case .started(let checks):
                state.total = checks
                if !isTerminal { StandardError.write("scantrail: running \(checks) checks") }
            case .checkStarted(let id, _):
                state.running.append(id)
            case .checkFinished(let id, let status, let completed, let total):
                state.running.removeAll { $0 == id }
                state.done = completed
                if !isTerminal { StandardError.write("scantrail: [\(completed)/\(total)] \(id) \(status.rawValue)") }
            }
            if isTerminal { redraw(state) }
        }
    }

    /// Clears the status line before the report is printed.
    func finish() {
        guard enabled, isTerminal else { return }
        StandardError.writeRaw("\r\u{1B}[2K")
    }

    private func redraw(_ state: State) {
        let width = 24
        let filled = state.total == 0 ? 0 : width * state.done / state.total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let current = state.running.first.map { " \($0)…" } ?? ""
        StandardError.writeRaw("\r\u{1B}[2K\(bar) \(state.done)/\(state.total)\(current)")
    }
}
