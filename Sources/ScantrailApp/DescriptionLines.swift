import Foundation
import ScantrailOpenAPI
import ScantrailReports

/// Where each documented operation sits in a description file, for reports that point at
/// source lines (SARIF): the line of the operation's method under its path, or of the path
/// when the method is not found on a line of its own.
enum DescriptionLines {
    /// The description at `location` as SARIF shows it, when it is a file: the path relative to
    /// the working folder when the file lies inside it (else its file name), and the operations' lines.
    static func reference(location: DescriptionLocation, operations: [APIOperation]) -> ReportInput.Description? {
        guard case .file(let location) = location, let text = try? String(contentsOfFile: location, encoding: .utf8)
        else { return nil }
        let absolute = URL(fileURLWithPath: location).standardizedFileURL.path
        let folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path + "/"
        let relative =
            absolute.hasPrefix(folder)
            ? String(absolute.dropFirst(folder.count)) : URL(fileURLWithPath: absolute).lastPathComponent
        return ReportInput.Description(path: relative, lines: lines(in: text, operations: operations))
    }

    /// `METHOD path` → 1-based line, for the operations found in `text` (YAML or JSON).
    static func lines(in text: String, operations: [APIOperation]) -> [String: Int] {
        let paths = Set(operations.map(\.path))
        var found: [String: Int] = [:]
        var currentPath: String?
        var pathLine = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let key = Self.key(of: line)
            if let key, paths.contains(key) {
                currentPath = key
                pathLine = index + 1
                for operation in operations where operation.path == key && found[operation.label] == nil {
                    found[operation.label] = pathLine
                }
            } else if let key, let path = currentPath,
                let operation = operations.first(where: { $0.path == path && $0.method.lowercased() == key })
            {
                found[operation.label] = found[operation.label] == pathLine ? index + 1 : found[operation.label]
            }
        }
        return found
    }

    /// The mapping key a line starts with (`/users/{id}:`, `"get": {`, `'/a':`), unquoted.
    private static func key(of line: Substring) -> String? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "," || $0 == "{" }
        guard let first = trimmed.first else { return nil }
        if first == "\"" || first == "'" {
            let body = trimmed.dropFirst()
            guard let close = body.firstIndex(of: first) else { return nil }
            let rest = body[body.index(after: close)...].drop { $0 == " " }
            return rest.first == ":" ? String(body[..<close]) : nil
        }
        guard let colon = trimmed.firstIndex(of: ":") else { return nil }
        let key = trimmed[..<colon]
        return key.contains(" ") ? nil : String(key)
    }
}
