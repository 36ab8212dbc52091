/// Harmless stand-in values for a documented type and format, when the document gives no example.
enum ExampleValues {
    /// A string of `format`.
    static func string(format: String?) -> String {
        switch format {
        case "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6"
        case "date": "2026-01-01"
        case "date-time": "2026-01-01T00:00:00Z"
        case "email": "scantrail@example.com"
        case "uri", "url": "https://example.com/"
        case "ipv4": "192.0.2.1"
        case "ipv6": "2001:db8::1"
        default: "scantrail"
        }
    }
}
