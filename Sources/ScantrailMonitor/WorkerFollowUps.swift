import Foundation
import ScantrailStore

/// What a worker does besides scanning: the alert pass and the ticket sync, each after every
/// scan that ends and on its own interval in between (for deadlines that near, tickets closed by hand).
struct WorkerFollowUps: Sendable {
    /// How often alerts are evaluated, and tickets synced, when no scan ends in between.
    static let alertInterval: TimeInterval = 60
    static let ticketInterval: TimeInterval = 600

    let alerts: AlertDispatcher?
    let tickets: TicketSync?
    private var alertsDue = Date.distantPast
    private var ticketsDue = Date.distantPast

    init(alerts: AlertDispatcher?, tickets: TicketSync?) {
        self.alerts = alerts
        self.tickets = tickets
    }

    /// A scan was recorded or failed: both run at the next chance.
    mutating func scanEnded() {
        alertsDue = .distantPast
        ticketsDue = .distantPast
    }

    /// Runs whichever is due; tickets first, so that an alert and the ticket of one finding go out together.
    mutating func runDue(in store: EvidenceStore, onEvent: @escaping @Sendable (WorkerEvent) -> Void) async {
        let now = Date()
        do {
            if let tickets, now >= ticketsDue {
                ticketsDue = now.addingTimeInterval(Self.ticketInterval)
                let report = try await tickets.run(in: store)
                if !report.actions.isEmpty || report.stopped != nil { onEvent(.tickets(report)) }
            }
            if let alerts, now >= alertsDue {
                alertsDue = now.addingTimeInterval(Self.alertInterval)
                for delivery in try await alerts.run(in: store).attempted { onEvent(.alert(delivery)) }
            }
        } catch {
            onEvent(.storeTrouble("\(error)"))
        }
    }
}
