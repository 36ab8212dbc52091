import Foundation
import ScantrailApp
import ScantrailCore
import ScantrailStore

/// Keeps the tracker's tickets in step with the findings: one ticket per finding at or above the
/// configured severity (never two: found again by its fingerprint), closed with the proof when a
/// scan verifies the fix, reopened when the finding returns, closed as not planned when it is
/// accepted, and a ticket closed by hand reported. Every action is an audit entry on its finding.
public struct TicketSync: Sendable {
    /// What one sync did.
    public struct Report: Sendable {
        /// Each action taken, as a line (`created github #42 for 3f2a9c01b7de: …`).
        public let actions: [String]
        /// Why it stopped early, if it did (a rate limit, the tracker unreachable); the rest waits for the next sync.
        public let stopped: String?
    }

    public let settings: TicketSettings
    public let tracker: any TicketTracker
    /// Recorded-open tickets whose state is read from the tracker per sync, at most.
    public var maximumChecks = 200

    /// Creates a sync for `tracker`.
    public init(settings: TicketSettings, tracker: any TicketTracker) {
        self.settings = settings
        self.tracker = tracker
    }

    /// The sync the configuration file describes, or `nil` when it names no tracker.
    ///
    /// - Throws: ``AppError`` for a tracker entry that cannot be used.
    public init?(configuration: AppConfiguration, environment: [String: String]) throws {
        switch try configuration.tickets.tracker(environment: environment) {
        case .github(let github)?: self.init(settings: configuration.tickets, tracker: GitHubTracker(github))
        case .jira(let jira)?: self.init(settings: configuration.tickets, tracker: JiraTracker(jira))
        case nil: return nil
        }
    }

    /// Syncs once. A tracker failure (refused token, rate limit, unreachable) ends the sync with
    /// what was done so far recorded; the next sync carries on.
    ///
    /// - Throws: A store error.
    public func run(in store: EvidenceStore) async throws -> Report {
        let tickets = Dictionary(
            try await store.tickets().filter { $0.tracker == tracker.name }.map { ($0.fingerprint, $0) },
            uniquingKeysWith: { first, _ in first })
        let findings = try await store.findings().filter {
            $0.severity >= settings.minimumSeverity || tickets[$0.fingerprint] != nil
        }
        let needsLookup = findings.contains { $0.status == .open && tickets[$0.fingerprint] == nil }
        var closedInTracker: Set<String> = []
        var actions: [String] = []
        do {
            let existing = needsLookup ? try await tracker.existingTickets() : [:]
            let recordedOpen = findings.compactMap { finding in
                finding.status == .open ? tickets[finding.fingerprint].flatMap { $0.state == .open ? $0 : nil } : nil
            }
            for ticket in recordedOpen.prefix(maximumChecks) where try await !tracker.issue(ticket.key).isOpen {
                closedInTracker.insert(ticket.key)
            }
            let steps = TicketPlanner.plan(
                findings: findings, tickets: tickets, existing: existing, closedInTracker: closedInTracker,
                settings: settings)
            for step in steps {
                actions.append(try await apply(step, in: store))
            }
        } catch let error as TrackerError {
            return Report(actions: actions, stopped: error.description)
        }
        return Report(actions: actions, stopped: nil)
    }

    /// Does `step` in the tracker, then records it; its line.
    private func apply(_ step: TicketStep, in store: EvidenceStore) async throws -> String {
        let now = Date()
        switch step {
        case .create(let finding):
            let issue = try await tracker.create(TicketContent(finding, rule: RuleCatalogue.shipped[finding.ruleID]))
            let ticket = try await store.recordTicket(record(issue, for: finding, at: now), action: "ticket.created")
            return line("created", ticket, finding)
        case .link(let finding, let issue):
            var ticket = try await store.recordTicket(record(issue, for: finding, at: now), action: "ticket.linked")
            if !issue.isOpen {
                try await tracker.reopen(issue.key, comment: TicketContent.reopenedComment(finding))
                ticket = try await store.recordTicket(
                    ticket.with(state: .open, closedAs: nil, at: now), action: "ticket.reopened")
            }
            return line(issue.isOpen ? "linked" : "linked and reopened", ticket, finding)
        case .close(let finding, let ticket, let closure):
            let comment =
                closure == .fixed
                ? TicketContent.fixedComment(try await store.finding(finding.fingerprint.rawValue))
                : TicketContent.notPlannedComment(finding)
            try await tracker.close(ticket.key, as: closure, comment: comment)
            let closed = try await store.recordTicket(
                ticket.with(state: .closed, closedAs: closure, at: now), action: "ticket.closed", note: comment)
            return line(closure == .fixed ? "closed as fixed" : "closed as not planned", closed, finding)
        case .reopen(let finding, let ticket):
            let comment = TicketContent.reopenedComment(finding)
            try await tracker.reopen(ticket.key, comment: comment)
            let reopened = try await store.recordTicket(
                ticket.with(state: .open, closedAs: nil, at: now), action: "ticket.reopened", note: comment)
            return line("reopened", reopened, finding)
        case .closedByHand(let finding, let ticket, let reopen):
            let closed = try await store.recordTicket(
                ticket.with(state: .closed, closedAs: .byHand, at: now), action: "ticket.closed-by-hand",
                note: "closed in \(tracker.name) while the finding is open")
            guard reopen else { return line("closed by hand while open (reported)", closed, finding) }
            try await tracker.reopen(ticket.key, comment: TicketContent.closedByHandComment(finding))
            let reopened = try await store.recordTicket(
                ticket.with(state: .open, closedAs: nil, at: now), action: "ticket.reopened",
                note: "closed by hand while the finding was open")
            return line("closed by hand while open, reopened", reopened, finding)
        }
    }

    private func record(_ issue: TrackedIssue, for finding: TrackedFinding, at now: Date) -> RemediationTicket {
        RemediationTicket(
            fingerprint: finding.fingerprint, target: finding.target, tracker: tracker.name, key: issue.key,
            url: issue.url, state: issue.isOpen ? .open : .closed, closedAs: nil, createdAt: now, updatedAt: now)
    }

    private func line(_ action: String, _ ticket: RemediationTicket, _ finding: TrackedFinding) -> String {
        "\(action) \(ticket.tracker) \(ticket.tracker == "github" ? "#" : "")\(ticket.key) for \(finding.id) "
            + "(\(finding.severity.rawValue), \(finding.title)): \(ticket.url)"
    }
}
