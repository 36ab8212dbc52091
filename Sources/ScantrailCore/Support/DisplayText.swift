/// Text taken from a target (a header, a body, a certificate's subject, a description's title)
/// made safe to show: every control character — C0, DEL, C1, and the Unicode controls that
/// reorder or break lines — is written as a visible `\u{…}` escape, so a report read in a
/// terminal cannot clear the screen, retitle the window or overwrite a line, and a line of an
/// event stream cannot be split.
public enum DisplayText {
    /// `text` with its control characters escaped; `keepingLayout` keeps line feeds and tabs (a
    /// multi-line report), otherwise they are escaped too (one line, one field).
    public static func escaped(_ text: String, keepingLayout: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0, keepingLayout: keepingLayout) }) else { return text }
        var escaped = ""
        escaped.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if isControl(scalar, keepingLayout: keepingLayout) {
                escaped += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Whether ``escaped(_:keepingLayout:)`` escapes `scalar`.
    public static func isControl(_ scalar: Unicode.Scalar, keepingLayout: Bool = false) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: !keepingLayout
        case 0x00...0x1F, 0x7F...0x9F: true
        // Line and paragraph separators; bidirectional embeddings, overrides and isolates.
        case 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
