import Foundation
import ScantrailCore
import ScantrailReports
import ScantrailStore

/// Reports of scans already recorded: the stored result with what the trail knows of it.
public enum RecordedReports {
    /// What a report of recorded scan `reference` (number or id) is rendered from; `description`
    /// (a file) gives SARIF its lines.
    ///
    /// - Throws: ``AppError`` for an unknown scan, one recorded before results were kept, an
    ///   unreadable description, or a store that cannot be opened.
    public static func input(scan reference: String, description: String?, settings: StoreSettings) async throws
        -> ReportInput
    {
        var located: ReportInput.Description?
        if let description {
            let operations = try await DescriptionLoader.load(description).operations
            located = DescriptionLines.reference(location: description, operations: operations)
        }
        return try await settings.withStore { store in
            let record = try await store.scan(reference)
            let result = try await store.result(of: record)
            let tracked = try await store.judged(by: record, in: result)
            return ReportInput(
                result: result, catalogue: .shipped, trail: tracked,
                new: Set(tracked.filter { $0.firstScanID == record.id }.map(\.fingerprint)),
                description: located,
                history: try await store.scans(target: result.targetURL).filter { $0.sequence <= record.sequence },
                targetFindings: try await store.findings(target: result.targetURL),
                policy: settings.configuration.sla)
        }
    }
}
