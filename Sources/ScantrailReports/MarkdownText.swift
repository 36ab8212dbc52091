import ScantrailCore

/// Text from a scan put into Markdown so that it stays text: a pull-request comment or a wiki
/// page shows what a target sent, and never runs it (raw HTML, a link, a code span that ends
/// early, a table cell that splits, a control character).
enum MarkdownText {
    /// Markdown's punctuation escaped with backslashes (HTML tags and entities among it), on one
    /// line, fit for prose and table cells.
    static func text(_ value: String) -> String {
        var escaped = ""
        for character in oneLine(value) {
            if "\\`*_[]<>|&~!#".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    /// `value` as a code span, its fence longer than any run of backticks inside it; `inTable`
    /// escapes pipes, which split a table's cells even inside a span.
    static func code(_ value: String, inTable: Bool = false) -> String {
        var content = oneLine(value)
        if inTable { content = content.replacingOccurrences(of: "|", with: "\\|") }
        var longest = 0
        var run = 0
        for character in content {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padding = content.hasPrefix("`") || content.hasSuffix("`") ? " " : ""
        return fence + padding + content + padding + fence
    }

    /// One line, control characters escaped.
    private static func oneLine(_ value: String) -> String {
        DisplayText.escaped(value.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " "))
    }
}
