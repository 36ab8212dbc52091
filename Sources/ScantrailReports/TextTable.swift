import ScantrailCore

/// Left-aligned columns for a terminal, two spaces apart, trailing spaces trimmed.
enum TextTable {
    /// The rows (the first is the heading) as lines, each cell on one line with its control
    /// characters escaped.
    static func render(_ rows: [[String]]) -> [String] {
        let rows = rows.map { $0.map { DisplayText.escaped($0) } }
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            var line = ""
            for (column, cell) in row.enumerated() {
                line += cell + String(repeating: " ", count: max(0, widths[column] - cell.count)) + "  "
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }
}
