import Foundation
import ScantrailCore

/// Writes a ``ScanResult`` as the versioned JSON report described in docs/report-format.md:
/// pretty-printed, keys sorted, dates in ISO 8601 UTC, secrets redacted by the types' encoding.
public struct JSONReportRenderer: Sendable {
    /// Creates the renderer.
    public init() {}

    /// The report as UTF-8 JSON.
    public func render(_ result: ScanResult) throws -> Data {
        try JSONRendering.render(result)
    }
}
