import Crypto
import Foundation
import ScantrailCore

/// JSON with sorted keys and unescaped slashes: the same value always gives the same bytes,
/// which is what hashes and audit details need.
enum CanonicalJSON {
    /// The canonical JSON text of `value`.
    static func string(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// One configured encoder for all: making one per call costs more than the encoding.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return encoder
    }()

    /// Decodes canonical JSON text.
    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return try decoder.decode(type, from: Data(text.utf8))
    }

    /// Lower-case hex SHA-256 of `text`.
    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).hexString
    }
}
