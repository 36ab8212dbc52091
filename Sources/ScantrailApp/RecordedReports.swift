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
        if let description = try description.map(DescriptionLocation.init(parsing:)) {
            let operations = try await DescriptionLoader.load(description).operations
            located = DescriptionLines.reference(location: description, operations: operations)
        }
        return try await settings.withStore { store in
            let record = try await store.scan(reference)
            let result = try await store.result(of: record)
            return ReportInput(
                result: result, trail: try await TrailView.load(record, result, baseline: nil, from: store),
                description: located, policy: settings.configuration.sla)
        }
    }
}
