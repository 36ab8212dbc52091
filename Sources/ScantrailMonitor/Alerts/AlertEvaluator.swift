import Foundation
import ScantrailApp
import ScantrailCore
import ScantrailStore

/// Which alerts the facts raise under the settings: pure, so every rule is tested without a store.
public enum AlertEvaluator {
    /// How recently a finding must have been opened to alert as new, and a run missed to alert
    /// as a gap: alerts turned on over an old trail do not replay its history.
    public static let recentDays: Double = 2

    /// The alerts `facts` raise at `now`, in a stable order.
    public static func evaluate(_ facts: AlertFacts, settings: AlertSettings, now: Date) -> [Alert] {
        findingAlerts(facts.findings, settings: settings, now: now)
            + certificateAlerts(facts.certificates, withinDays: settings.certificateExpiresWithinDays)
            + facts.monitored.flatMap { monitoredAlerts($0, settings: settings, now: now) }
    }

    private static func findingAlerts(_ findings: [TrackedFinding], settings: AlertSettings, now: Date) -> [Alert] {
        guard let minimum = settings.minimumSeverity else { return [] }
        let recent = now.addingTimeInterval(-recentDays * 86_400)
        var alerts: [Alert] = []
        for finding in findings.sorted(by: { $0.fingerprint.rawValue < $1.fingerprint.rawValue })
        where finding.status == .open && finding.severity >= minimum {
            let place = finding.place
            // A reopened finding has been seen again at its last scan; a new one at its first.
            let opened = finding.reopenCount == 0 ? finding.firstSeenAt : finding.lastSeenAt
            if opened >= recent {
                alerts.append(
                    Alert(
                        kind: .findingOpened,
                        key: "finding.opened:\(finding.fingerprint.rawValue):\(finding.reopenCount)",
                        target: finding.target, severity: finding.severity,
                        title:
                            "\(finding.reopenCount == 0 ? "New" : "Reopened") \(finding.severity.rawValue) finding: \(finding.title)",
                        detail: "\(place) on \(finding.target)"
                            + (finding.dueAt.map { ", due \(Timestamp.day($0))" } ?? ""),
                        finding: finding.id, at: finding.dueAt))
            }
            guard let due = finding.dueAt else { continue }
            if due <= now {
                alerts.append(
                    Alert(
                        kind: .slaMissed, key: "sla.missed:\(finding.fingerprint.rawValue):\(Timestamp.text(due))",
                        target: finding.target, severity: finding.severity,
                        title: "Remediation deadline missed: \(finding.title)",
                        detail: "\(place) on \(finding.target) was due \(Timestamp.day(due)) and is still open",
                        finding: finding.id, at: due))
            } else if settings.slaDueWithinDays > 0,
                due <= now.addingTimeInterval(Double(settings.slaDueWithinDays) * 86_400)
            {
                let days = Int((due.timeIntervalSince(now) / 86_400).rounded(.up))
                alerts.append(
                    Alert(
                        kind: .slaDueSoon, key: "sla.due-soon:\(finding.fingerprint.rawValue):\(Timestamp.text(due))",
                        target: finding.target, severity: finding.severity,
                        title: "Remediation deadline in \(days) day\(days == 1 ? "" : "s"): \(finding.title)",
                        detail: "\(place) on \(finding.target) is due \(Timestamp.day(due))", finding: finding.id,
                        at: due))
            }
        }
        return alerts
    }

    private static func certificateAlerts(_ certificates: [Dashboard.CertificateDeadline], withinDays days: Int)
        -> [Alert]
    {
        guard days > 0 else { return [] }
        return certificates.filter { $0.daysLeft <= days }.sorted {
            ($0.target, $0.notAfter) < ($1.target, $1.notAfter)
        }.map {
            Alert(
                kind: .certificateExpiring, key: "certificate.expiring:\($0.target):\(Timestamp.text($0.notAfter))",
                target: $0.target,
                title: $0.daysLeft < 0
                    ? "Certificate expired: \($0.subject)"
                    : "Certificate expires in \($0.daysLeft) day\($0.daysLeft == 1 ? "" : "s"): \($0.subject)",
                detail: "served by \($0.target), valid until \(Timestamp.text($0.notAfter))", at: $0.notAfter)
        }
    }

    private static func monitoredAlerts(_ monitored: AlertFacts.Monitored, settings: AlertSettings, now: Date)
        -> [Alert]
    {
        let target = monitored.target
        var alerts: [Alert] = []
        let ended = monitored.recentJobs.filter { [.succeeded, .failed].contains($0.state) }
        let streak = ended.prefix { $0.state == .failed }
        if settings.failedScansInARow > 0, streak.count >= settings.failedScansInARow, let first = streak.last {
            alerts.append(
                Alert(
                    kind: .scansFailing, key: "scan.failing:\(target.id):\(first.id)", target: target.url,
                    title: "Scheduled scans failing: \(streak.count) in a row",
                    detail: "\(target.url) (\(target.id)): \(streak.first?.lastError ?? "no reason recorded")",
                    at: first.dueAt))
        }
        if settings.cadenceGaps {
            let recent = now.addingTimeInterval(-recentDays * 86_400)
            for missed in monitored.missedRuns where missed >= recent {
                alerts.append(
                    Alert(
                        kind: .cadenceGap, key: "cadence.gap:\(target.id):\(Timestamp.text(missed))",
                        target: target.url,
                        title: "Scheduled scan missed",
                        detail:
                            "\(target.url) (\(target.id)) was due at \(Timestamp.text(missed)), \(target.schedule); no scan ran in its window",
                        at: missed))
            }
        }
        return alerts
    }
}
