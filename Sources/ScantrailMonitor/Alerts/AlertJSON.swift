import Foundation

/// How alerts are written as JSON, in the store's delivery rows and in `json` webhooks' bodies
/// alike: keys sorted, slashes as they are, dates in ISO 8601 — so a stored alert reads back as
/// it was queued, and a receiver verifies its signature over stable bytes.
enum AlertJSON {
    /// An encoder of alerts.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A decoder of what ``encoder()`` wrote.
    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
