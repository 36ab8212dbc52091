import Foundation
import ScantrailApp
import ScantrailCore
import ScantrailMonitor
import Testing

@testable import ScantrailStore

@Suite("Ticket planning: what a sync does for each finding and the ticket it has")
struct TicketPlannerTests {
    static func finding(_ status: FindingStatus, _ severity: Severity = .high, path: String = "/a") -> TrackedFinding {
        var finding = AlertEvaluatorTests.finding(severity, path: path)
        finding.status = status
        return finding
    }

    static func ticket(
        for finding: TrackedFinding, _ state: RemediationTicket.State, _ closure: RemediationTicket.Closure? = nil
    )
        -> RemediationTicket
    {
        RemediationTicket(
            fingerprint: finding.fingerprint, target: finding.target, tracker: "github", key: "7", url: "u",
            state: state,
            closedAs: closure, createdAt: Date(), updatedAt: Date())
    }

    static func plan(
        _ finding: TrackedFinding, ticket: RemediationTicket? = nil, existing: TrackedIssue? = nil,
        closedInTracker: Set<String> = [], settings: TicketSettings = TicketSettings()
    ) -> [TicketStep] {
        TicketPlanner.plan(
            findings: [finding], tickets: ticket.map { [finding.fingerprint: $0] } ?? [:],
            existing: existing.map { [finding.fingerprint: $0] } ?? [:], closedInTracker: closedInTracker,
            settings: settings)
    }

    @Test("an open finding at or above the severity gets a ticket, or the one the tracker already holds")
    func openWithout() {
        let open = Self.finding(.open)
        #expect(Self.plan(open) == [.create(open)])
        let issue = TrackedIssue(key: "3", url: "u", isOpen: false)
        #expect(Self.plan(open, existing: issue) == [.link(open, issue)])
        #expect(Self.plan(Self.finding(.open, .medium)).isEmpty)
        #expect(Self.plan(Self.finding(.fixed)).isEmpty && Self.plan(Self.finding(.accepted)).isEmpty)
    }

    @Test("a fixed finding's open ticket closes as fixed; an accepted or false-positive one's as not planned")
    func closing() {
        for (status, closure) in [
            (FindingStatus.fixed, RemediationTicket.Closure.fixed), (.accepted, .notPlanned),
            (.falsePositive, .notPlanned),
        ] {
            let finding = Self.finding(status)
            let ticket = Self.ticket(for: finding, .open)
            #expect(Self.plan(finding, ticket: ticket) == [.close(finding, ticket, closure)])
            #expect(Self.plan(finding, ticket: Self.ticket(for: finding, .closed, closure)).isEmpty)
        }
    }

    @Test("an open finding reopens a ticket Scantrail closed, but not one closed by hand and reported")
    func reopening() {
        let open = Self.finding(.open)
        let closedAsFixed = Self.ticket(for: open, .closed, .fixed)
        #expect(Self.plan(open, ticket: closedAsFixed) == [.reopen(open, closedAsFixed)])
        #expect(Self.plan(open, ticket: Self.ticket(for: open, .closed, .byHand)).isEmpty)
    }

    @Test("an open ticket the tracker reports closed is reported, and reopened when so configured")
    func closedByHand() {
        let open = Self.finding(.open)
        let ticket = Self.ticket(for: open, .open)
        #expect(Self.plan(open, ticket: ticket).isEmpty)
        #expect(Self.plan(open, ticket: ticket, closedInTracker: ["7"]) == [.closedByHand(open, ticket, reopen: false)])
        var reopening = TicketSettings()
        reopening.reopenClosedByHand = true
        #expect(
            Self.plan(open, ticket: ticket, closedInTracker: ["7"], settings: reopening)
                == [.closedByHand(open, ticket, reopen: true)])
    }

    @Test("a ticket says what, where, by when, why, how to fix, and which criteria, and names its fingerprint")
    func content() throws {
        let rule = try #require(RuleCatalogue.shipped.rules.first { $0.severity == .high })
        var finding = Self.finding(.open)
        finding = TrackedFinding(
            fingerprint: finding.fingerprint, target: finding.target, ruleID: rule.id, checkID: "c", severity: .high,
            title: rule.title, location: finding.location, status: .open, firstScanID: "s1",
            firstSeenAt: finding.firstSeenAt,
            lastScanID: "s2", lastSeenAt: finding.lastSeenAt, lastEvidenceSHA256: "abc", lastDetail: "seen",
            dueAt: finding.dueAt, fixedScanID: nil, fixedAt: nil, reopenCount: 0, acceptance: nil)
        let content = TicketContent(finding, rule: rule)
        let body = content.paragraphs.joined(separator: "\n\n")
        #expect(content.title == "[Scantrail] High: \(rule.title) (GET /a)")
        #expect(body.contains(rule.remediation) && body.contains(rule.mapping.trustServicesCriteria[0].rawValue))
        #expect(body.contains("**Remediation deadline (SLA):** \(Timestamp.day(finding.dueAt!))"))
        #expect(TicketContent.fingerprint(inBody: body) == finding.fingerprint)
        #expect(TicketContent.fingerprint(inBody: "no marker") == nil)
    }
}
