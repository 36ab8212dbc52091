import Foundation
import ScantrailCore

/// Encodes any report value as the JSON the CLI prints: pretty, keys sorted, ISO 8601 dates,
/// and every control character the encoder leaves raw (C1, line separators, bidirectional
/// controls: valid in JSON strings, live in a terminal) written as a `\u` escape instead — the
/// same string to any JSON reader.
public enum JSONRendering {
    /// The value as UTF-8 JSON with a final newline.
    public static func render(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var data = escapingControls(try encoder.encode(value))
        data.append(0x0A)
        return data
    }

    /// `json` with raw control characters inside its strings as `\uXXXX` escapes. Outside
    /// strings JSON holds only ASCII, so every such character found is inside one.
    static func escapingControls(_ json: Data) -> Data {
        let text = String(decoding: json, as: UTF8.self)
        let isRaw = { (scalar: Unicode.Scalar) in DisplayText.isControl(scalar, keepingLayout: true) }
        guard text.unicodeScalars.contains(where: isRaw) else { return json }
        var escaped = ""
        for scalar in text.unicodeScalars {
            if isRaw(scalar) {
                let hex = String(scalar.value, radix: 16)
                escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return Data(escaped.utf8)
    }
}
