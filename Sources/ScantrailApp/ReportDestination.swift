import Foundation
import ScantrailReports

/// A report file a front end was asked to write: a format and a path (`-o sarif=scan.sarif`).
public struct ReportDestination: Sendable, Hashable {
    /// The format written there.
    public let format: ReportFormat
    /// The file.
    public let path: String

    /// Creates a destination.
    public init(format: ReportFormat, path: String) {
        self.format = format
        self.path = path
    }

    /// Destinations from `values`, each `FILE` (in `format`) or `NAME=FILE` (NAME a format);
    /// and whether the `format` report still goes to standard output (no plain `FILE` given).
    ///
    /// - Throws: ``AppError`` for a file named twice, or one whose folder does not exist.
    public static func parse(_ values: [String], format: ReportFormat) throws -> (
        destinations: [ReportDestination], standardOutput: Bool
    ) {
        var destinations: [ReportDestination] = []
        var plain = false
        for value in values {
            let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
            let destination: ReportDestination
            if parts.count == 2, let named = ReportFormat(rawValue: parts[0].lowercased()) {
                destination = ReportDestination(format: named, path: parts[1])
            } else {
                destination = ReportDestination(format: format, path: value)
                plain = true
            }
            guard !destinations.contains(where: { $0.path == destination.path }) else {
                throw AppError.invalid(.output, "names \(destination.path) twice")
            }
            let folder = URL(fileURLWithPath: destination.path).deletingLastPathComponent().path
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw AppError.invalid(.output, "cannot write \(destination.path): folder \(folder) does not exist")
            }
            destinations.append(destination)
        }
        return (destinations, !plain)
    }

    /// Renders `input` and writes it here, replacing the file atomically.
    ///
    /// - Throws: ``AppError`` when the file cannot be written.
    public func write(_ input: ReportInput) throws {
        try Self.save(try ReportRenderer().render(format, input), to: path)
    }

    /// Writes a rendered report to `path`, replacing the file atomically.
    ///
    /// - Throws: ``AppError`` when the file cannot be written.
    public static func save(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw AppError.invalid("cannot write the report to \(path): \(error.localizedDescription)")
        }
    }
}
