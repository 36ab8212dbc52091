import Foundation
import ScantrailOpenAPI
import Yams

/// Statements by people about controls a scanner cannot observe (key rotation, log retention,
/// code review…), each with an owner, a date, a link to the document and an expiry:
///
/// ```yaml
/// attestations:
///   - item: key-management
///     owner: Dana Ops
///     date: 2026-03-01
///     document: https://wiki.example.com/security/keys
///     expires: 2027-03-01
/// ```
public struct AttestationFile: Sendable, Decodable {
    /// One statement.
    public struct Attestation: Sendable, Decodable, Hashable {
        /// The checklist item it speaks for (``ReadinessChecklist``'s ids).
        public let item: String
        /// Who vouches for it.
        public let owner: String
        /// When it was stated (`2026-03-01`).
        public let date: String
        /// Where the document is.
        public let document: String
        /// When it lapses (`2027-03-01`); after that it is a gap.
        public let expires: String
    }

    /// The statements.
    public let attestations: [Attestation]

    /// Reads the file at `path`.
    ///
    /// - Throws: ``AppError`` naming the file, the entry and what is wrong.
    public static func load(_ path: String) throws -> AttestationFile {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw AppError.invalid("cannot read the attestation file \(path)")
        }
        let file: AttestationFile
        do {
            try DocumentLimits.standard.check(yaml: text)
            file = try YAMLDecoder().decode(AttestationFile.self, from: text)
        } catch let violation as DocumentLimits.Violation {
            throw AppError.invalid("the attestation file \(path) \(violation)")
        } catch {
            throw AppError.invalid("the attestation file \(path) is not valid: \(error)")
        }
        let known = Set(ReadinessChecklist.items.map(\.id))
        for (index, attestation) in file.attestations.enumerated() {
            guard known.contains(attestation.item) else {
                throw AppError.invalid(
                    "\(path): attestation \(index + 1) names an unknown item '\(attestation.item)' (known: \(known.sorted().joined(separator: ", ")))"
                )
            }
            for (field, value) in [("date", attestation.date), ("expires", attestation.expires)]
            where (try? Date(value, strategy: .iso8601.year().month().day())) == nil {
                throw AppError.invalid(
                    "\(path): attestation \(index + 1) (\(attestation.item)): \(field) '\(value)' is not a date")
            }
        }
        return file
    }
}

extension AttestationFile.Attestation {
    /// When it lapses.
    var expiry: Date { (try? Date(expires, strategy: .iso8601.year().month().day())) ?? .distantPast }
}
