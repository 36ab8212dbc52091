/// The formats a scan report can be written in (`scan --format`, `report NAME --scan ID`).
public enum ReportFormat: String, CaseIterable, Sendable {
    /// Human-readable summary for a terminal.
    case text
    /// The versioned JSON report (docs/report-format.md).
    case json
    /// SARIF 2.1.0, as GitHub code scanning accepts it.
    case sarif
    /// JUnit XML: one test case per rule and location, for CI test views.
    case junit
    /// Markdown for a pull-request comment: counts, new findings, top findings, coverage.
    case markdown
    /// CSV of findings with their status and SLA fields, for auditors' workpapers.
    case csv
    /// One self-contained HTML document for people, printable to PDF.
    case html
    /// OSCAL 1.2 assessment results (JSON), for compliance tooling.
    case oscal

    /// The usual file name extension.
    public var fileExtension: String {
        switch self {
        case .text: "txt"
        case .json: "json"
        case .sarif: "sarif"
        case .junit: "xml"
        case .markdown: "md"
        case .csv: "csv"
        case .html: "html"
        case .oscal: "oscal.json"
        }
    }
}
