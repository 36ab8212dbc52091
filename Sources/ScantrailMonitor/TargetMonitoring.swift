import Foundation
import ScantrailApp
import ScantrailCore
import ScantrailStore

/// The targets scanned on a schedule, as every front end manages them: added with a schedule and
/// what to scan them with, listed with their next run and the runs they missed, paused,
/// resumed, removed — each change in the audit log.
public enum TargetMonitoring {
    /// A monitored target and how its schedule has been kept.
    public struct Status: Sendable, Codable {
        /// The target as stored.
        public let target: MonitoredTarget
        /// Due times since it was added (or the last 90 days) with no scan of it in their window.
        public let missedRuns: [Date]
    }

    /// How far back missed runs are looked for.
    public static let lookBackDays = 90

    /// Adds `url` with `schedule`; its first scan is due at once.
    ///
    /// - Throws: ``AppError`` for a URL that cannot be scanned, a target already monitored, or a
    ///   store that cannot be used.
    public static func add(
        _ url: String, schedule: Schedule, description: String?, identitiesFrom: String?, settings: StoreSettings,
        now: Date = Date()
    ) async throws -> MonitoredTarget {
        let target: ScanTarget
        do {
            target = try ScanTarget(parsing: url)
        } catch {
            throw AppError.invalid("\(error)")
        }
        return try await settings.withStore {
            try await $0.addTarget(
                url: target.url, schedule: schedule.description, description: description,
                identitiesFrom: identitiesFrom, nextRunAt: now)
        }
    }

    /// Every monitored target with the runs it missed up to `now`.
    public static func statuses(settings: StoreSettings, now: Date = Date()) async throws -> [Status] {
        try await settings.withStore { store in
            var statuses: [Status] = []
            for target in try await store.monitoredTargets() {
                statuses.append(try await status(of: target, in: store, now: now))
            }
            return statuses
        }
    }

    /// One monitored target (by id or URL) with the runs it missed up to `now`.
    public static func status(of reference: String, settings: StoreSettings, now: Date = Date()) async throws
        -> Status
    {
        try await settings.withStore { store in
            try await status(of: try await store.monitoredTarget(normalized(reference)), in: store, now: now)
        }
    }

    /// Pauses, resumes (next due at once) or removes the target `reference` names.
    public static func pause(_ reference: String, settings: StoreSettings) async throws -> MonitoredTarget {
        try await settings.withStore { try await $0.pauseTarget(normalized(reference)) }
    }

    public static func resume(_ reference: String, settings: StoreSettings, now: Date = Date()) async throws
        -> MonitoredTarget
    {
        try await settings.withStore { try await $0.resumeTarget(normalized(reference), nextRunAt: now) }
    }

    public static func remove(_ reference: String, settings: StoreSettings) async throws -> MonitoredTarget {
        try await settings.withStore { try await $0.removeTarget(normalized(reference)) }
    }

    /// An id as given; a URL in the form the store keys targets by.
    private static func normalized(_ reference: String) -> String {
        reference.hasPrefix("t_") ? reference : (try? ScanTarget(parsing: reference).url) ?? reference
    }

    static func status(of target: MonitoredTarget, in store: EvidenceStore, now: Date) async throws -> Status {
        let scans = try await store.scans(target: target.url).map(\.observedAt)
        return Status(
            target: target,
            missedRuns: target.missedRuns(
                from: now.addingTimeInterval(-Double(lookBackDays) * 86_400), until: now, scans: scans))
    }
}
