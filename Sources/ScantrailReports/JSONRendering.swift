import Foundation

/// Encodes any report value as the JSON the CLI prints: pretty, keys sorted, ISO 8601 dates.
public enum JSONRendering {
    /// The value as UTF-8 JSON with a final newline.
    public static func render(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }
}
