import Foundation

/// Renders a scan report in any ``ReportFormat``: the one entry point every front end uses.
public struct ReportRenderer: Sendable {
    /// Creates the renderer.
    public init() {}

    /// `input` as `format`.
    public func render(_ format: ReportFormat, _ input: ReportInput) throws -> Data {
        switch format {
        case .text: Data(TextReportRenderer().render(input.result).utf8)
        case .json: try JSONReportRenderer().render(input.result)
        case .sarif: try SARIFRenderer().render(input)
        case .junit: Data(JUnitRenderer().render(input).utf8)
        case .markdown: Data(MarkdownRenderer().render(input).utf8)
        case .csv: Data(CSVRenderer().render(input).utf8)
        case .html: Data(HTMLRenderer().render(input).utf8)
        case .oscal: try OSCALRenderer().render(input)
        }
    }
}
