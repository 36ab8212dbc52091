import Foundation
import ScantrailApp
import ScantrailCore
import ScantrailReports
import ScantrailStore

/// The dashboard's pages: sign-in, the overview, a finding's life with its proof of fix and the
/// decision form, and the API keys. Each makes its template's view of display-ready strings.
enum DashboardPages {

    /// The header of every signed-in page: who is signed in, the sections, sign out.
    private struct Header {
        let heading: String
        let keyID: String
        let keyName: String
        let scopes: String
        let admin: Bool
        let csrf: String

        init(_ heading: String, caller: Caller, csrf: String) {
            self.heading = heading
            keyID = caller.key?.id ?? ""
            keyName = caller.key?.name ?? ""
            scopes = caller.key?.scopes.map(\.rawValue).joined(separator: ", ") ?? ""
            admin = caller.allows(.admin)
            self.csrf = csrf
        }
    }

    /// Sign in with an API key.
    static func login(csrf: String, error: String? = nil) -> String {
        struct View {
            let csrf: String
            let error: String?
        }
        return Pages.page(title: "Scantrail: sign in", template: "login", View(csrf: csrf, error: error))
    }

    /// How a finding stands against its deadline at `now`, in words, and the style of the cell.
    static func clock(_ finding: TrackedFinding, at now: Date) -> (class: String, text: String) {
        guard let due = finding.dueAt else { return ("", "no deadline") }
        let days = Int((due.timeIntervalSince(now) / 86_400).rounded(.down))
        switch finding.slaStatus(at: now) {
        case .openOverdue: return ("accepted", "overdue by \(-days) day\(-days == 1 ? "" : "s")")
        case .openWithin: return ("", "due in \(days) day\(days == 1 ? "" : "s") (\(Timestamp.day(due)))")
        case .met: return ("rejected", "fixed within its deadline")
        case .missed: return ("accepted", "fixed after its deadline")
        case .notApplicable: return ("", "no deadline while \(finding.status.rawValue)")
        }
    }

    /// The overview: counts, deadlines, certificates, targets.
    static func overview(_ dashboard: Dashboard, caller: Caller, csrf: String) -> String {
        struct State {
            let count: Int
            let name: String
        }
        struct Deadline {
            let severity: String
            let id: String
            let title: String
            let location: String
            let clockClass: String
            let clock: String
        }
        struct Certificate {
            let target: String
            let subject: String
            let expires: String
            let daysLeft: Int
            let style: String
        }
        struct Target {
            let target: String
            let scanCount: Int
            let latestSequence: Int
            let latestAt: String
            let completion: String
            let open: String
            let cadence: String
            let cadenceClass: String
            let trend: String
        }
        struct View {
            let header: Header
            let states: [State]
            let severityChart: String
            let deadlines: [Deadline]
            let hasDeadlines: Bool
            let next: String?
            let certificates: [Certificate]
            let hasCertificates: Bool
            let targets: [Target]
        }
        let deadlines = dashboard.deadlines.findings.map { finding in
            let (style, clock) = clock(finding, at: dashboard.now)
            return Deadline(
                severity: finding.severity.rawValue, id: finding.id, title: finding.title,
                location: finding.location.display, clockClass: style, clock: clock)
        }
        let certificates = dashboard.certificates.map {
            Certificate(
                target: $0.target, subject: $0.subject, expires: Timestamp.day($0.notAfter), daysLeft: $0.daysLeft,
                style: $0.daysLeft < 30 ? "accepted" : "")
        }
        let targets = dashboard.targets.map { line in
            let open = Severity.allCases.reversed().compactMap { severity in
                line.summary.openFindings[severity].map { "\($0) \(severity.rawValue)" }
            }
            let days = dashboard.cadenceDays
            let cadence =
                line.gaps.isEmpty
                ? "scanned at least every \(days) days"
                : "\(line.gaps.count) gap\(line.gaps.count == 1 ? "" : "s") longer than \(days) days (longest "
                    + "\(line.gaps.map(\.days).max() ?? 0) days, last ending \(Timestamp.day(line.gaps.last?.to ?? dashboard.now)))"
            return Target(
                target: line.summary.target, scanCount: line.summary.scanCount,
                latestSequence: line.summary.latest.sequence, latestAt: Timestamp.text(line.summary.latest.observedAt),
                completion: line.summary.latest.completion, open: open.isEmpty ? "none" : open.joined(separator: ", "),
                cadence: cadence, cadenceClass: line.gaps.isEmpty ? "" : "warning",
                trend: HTMLRenderer.scanTrendChart(line.recent))
        }
        return Pages.page(
            title: "Scantrail dashboard", template: "overview",
            View(
                header: Header("Dashboard", caller: caller, csrf: csrf),
                states: FindingStatus.allCases.map { State(count: dashboard.counts.total($0), name: $0.rawValue) },
                severityChart: HTMLRenderer.severityChart(
                    Severity.allCases.reversed().map { ($0, dashboard.counts[.open, $0]) }),
                deadlines: deadlines, hasDeadlines: !deadlines.isEmpty, next: dashboard.deadlines.next?.token,
                certificates: certificates, hasCertificates: !certificates.isEmpty, targets: targets))
    }

    /// A finding's life: its state and deadline, every audit entry about it, the proof of fix,
    /// and (for an admin) the form to accept it or mark it a false positive.
    static func finding(_ history: FindingHistory, caller: Caller, csrf: String, now: Date) -> String {
        struct Entry {
            let at: String
            let action: String
            let actor: String
        }
        struct Evidence {
            let name: String
            let scanID: String
            let sha256: String
            let intact: Bool
        }
        struct View {
            let header: Header
            let id: String
            let severity: String
            let ruleID: String
            let target: String
            let location: String
            let state: String
            let clockClass: String
            let clock: String
            let firstSeen: String
            let lastSeen: String
            let detail: String
            let decision: String?
            let life: [Entry]
            let proof: [Evidence]
            let hasProof: Bool
            let canDecide: Bool
            let csrf: String
        }
        let finding = history.finding
        let (style, clock) = clock(finding, at: now)
        let proof = history.proofOfFix.map { proof in
            [("Failing", proof.failing), ("Passing", proof.passing)].map {
                Evidence(
                    name: $0.0, scanID: $0.1.reference.scanID, sha256: $0.1.reference.sha256, intact: $0.1.isIntact)
            }
        }
        return Pages.page(
            title: finding.title, template: "finding",
            View(
                header: Header(finding.title, caller: caller, csrf: csrf), id: finding.id,
                severity: finding.severity.rawValue, ruleID: finding.ruleID, target: finding.target,
                location: finding.location.display, state: finding.status.rawValue, clockClass: style, clock: clock,
                firstSeen: Timestamp.text(finding.firstSeenAt), lastSeen: Timestamp.text(finding.lastSeenAt),
                detail: finding.lastDetail,
                decision: finding.acceptance.map {
                    "\($0.status.rawValue) by \($0.by): \($0.reason)"
                        + ($0.expiresAt.map { ", until \(Timestamp.day($0))" } ?? "")
                },
                life: history.entries.map { Entry(at: Timestamp.text($0.at), action: $0.action, actor: $0.actor) },
                proof: proof ?? [], hasProof: proof != nil,
                canDecide: caller.allows(.admin) && finding.status != .fixed, csrf: csrf))
    }

    /// The API keys, with the form to make one and, once, a new key's secret.
    static func keys(_ keys: [APIKey], caller: Caller, csrf: String, made: EvidenceStore.NewAPIKey? = nil) -> String {
        struct Key {
            let id: String
            let name: String
            let scopes: String
            let state: String
            let lastUsed: String
            let active: Bool
        }
        struct View {
            let header: Header
            let made: String?
            let madeID: String?
            let keys: [Key]
            let scopeChoices = APIKeyScope.allCases.map(\.rawValue)
            let csrf: String
        }
        let rows = keys.map { key in
            Key(
                id: key.id, name: key.name, scopes: key.scopes.map(\.rawValue).joined(separator: ", "),
                state: key.revokedAt.map { "revoked \(Timestamp.day($0))" } ?? key.expiresAt.map {
                    "until \(Timestamp.day($0))"
                }
                    ?? "active",
                lastUsed: key.lastUsedAt.map(Timestamp.text) ?? "never", active: key.revokedAt == nil)
        }
        return Pages.page(
            title: "API keys", template: "keys",
            View(
                header: Header("API keys", caller: caller, csrf: csrf), made: made?.secret, madeID: made?.key.id,
                keys: rows, csrf: csrf))
    }
}
