import Foundation

extension ScanRecord {
    /// The statement that stores this scan with its (redacted) configuration JSON.
    func insert(configuration: String) -> SQLStatement {
        SQLStatement(
            """
            INSERT INTO scans (id, seq, target, observed_at, finished_at, recorded_at, completion, scanner_version,
                catalogue_version, configuration, counts, requests_sent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(id), .int(sequence), .text(target), .integer(observedAt.milliseconds),
                .integer(finishedAt.milliseconds), .integer(recordedAt.milliseconds), .text(completion),
                .text(scannerVersion), .text(catalogueVersion), .text(configuration),
                .text((try? CanonicalJSON.string(counts)) ?? "{}"), .int(requestsSent),
            ]
        )
    }

    /// Reads a `scans` row.
    init(row: SQLRow) throws {
        self.init(
            id: try row.text("id"), sequence: Int(try row.integer("seq")), target: try row.text("target"),
            observedAt: Date(milliseconds: try row.integer("observed_at")),
            finishedAt: Date(milliseconds: try row.integer("finished_at")),
            recordedAt: Date(milliseconds: try row.integer("recorded_at")), completion: try row.text("completion"),
            scannerVersion: try row.text("scanner_version"), catalogueVersion: try row.text("catalogue_version"),
            requestsSent: Int(try row.integer("requests_sent")),
            counts: try CanonicalJSON.decode(Counts.self, from: try row.text("counts"))
        )
    }
}
