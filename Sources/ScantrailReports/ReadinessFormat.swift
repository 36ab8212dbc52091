import Foundation

/// The formats of the SOC 2 readiness report.
public enum ReadinessFormat: String, CaseIterable, Sendable {
    /// Markdown.
    case markdown
    /// One self-contained HTML document.
    case html
    /// The report's data as JSON.
    case json

    /// `report` in this format.
    public func render(_ report: ReadinessReport) throws -> Data {
        switch self {
        case .markdown: Data(ReadinessMarkdownRenderer().render(report).utf8)
        case .html: Data(ReadinessHTMLRenderer().render(report).utf8)
        case .json: try JSONRendering.render(report)
        }
    }
}
