import ScantrailApp
import ScantrailCore
import ScantrailStore

/// One thing a ticket sync does.
public enum TicketStep: Sendable, Hashable {
    /// Open a ticket for an open finding that has none.
    case create(TrackedFinding)
    /// Record a ticket the tracker already holds for the finding (made before the store knew of
    /// it), reopening it if it is closed.
    case link(TrackedFinding, TrackedIssue)
    /// Close the finding's ticket: fixed (with the proof), or not planned (with the reason).
    case close(TrackedFinding, RemediationTicket, RemediationTicket.Closure)
    /// Reopen the ticket of a finding seen again after its ticket was closed as fixed or not planned.
    case reopen(TrackedFinding, RemediationTicket)
    /// Report a ticket someone closed while its finding is open, and reopen it if so configured.
    case closedByHand(TrackedFinding, RemediationTicket, reopen: Bool)
}

/// Decides what a sync does from the findings, the tickets the store records, the tickets the
/// tracker holds, and which recorded-open tickets it reports closed: pure, so every rule is tested alone.
public enum TicketPlanner {
    /// The steps, in finding order.
    ///
    /// - Parameters:
    ///   - findings: Every finding at or above the settings' severity, and every finding with a ticket.
    ///   - tickets: The store's tickets, by fingerprint.
    ///   - existing: The tracker's Scantrail tickets, by fingerprint.
    ///   - closedInTracker: Keys of tickets the store records open that the tracker reports closed.
    public static func plan(
        findings: [TrackedFinding], tickets: [Fingerprint: RemediationTicket], existing: [Fingerprint: TrackedIssue],
        closedInTracker: Set<String>, settings: TicketSettings
    ) -> [TicketStep] {
        findings.sorted { $0.fingerprint.rawValue < $1.fingerprint.rawValue }.compactMap { finding in
            guard let ticket = tickets[finding.fingerprint] else {
                guard finding.status == .open, finding.severity >= settings.minimumSeverity else { return nil }
                return existing[finding.fingerprint].map { .link(finding, $0) } ?? .create(finding)
            }
            switch (finding.status, ticket.state) {
            case (.open, .open):
                return closedInTracker.contains(ticket.key)
                    ? .closedByHand(finding, ticket, reopen: settings.reopenClosedByHand) : nil
            case (.open, .closed):
                // Closed by hand and left closed: reported once, not fought over.
                return ticket.closedAs == .byHand ? nil : .reopen(finding, ticket)
            case (.fixed, .open):
                return .close(finding, ticket, .fixed)
            case (.accepted, .open), (.falsePositive, .open):
                return .close(finding, ticket, .notPlanned)
            case (.fixed, .closed), (.accepted, .closed), (.falsePositive, .closed):
                return nil
            }
        }
    }
}
