/// A TLS alert description (RFC 8446, section 6), with what it means to a prober.
public struct TLSAlert: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The description value.
    public let code: UInt8

    /// Creates an alert from its value.
    public init(code: UInt8) { self.code = code }

    /// The registry name (`handshake_failure`).
    public var name: String {
        switch code {
        case 0: "close_notify"
        case 10: "unexpected_message"
        case 20: "bad_record_mac"
        case 22: "record_overflow"
        case 30: "decompression_failure"
        case 40: "handshake_failure"
        case 42: "bad_certificate"
        case 47: "illegal_parameter"
        case 48: "unknown_ca"
        case 50: "decode_error"
        case 51: "decrypt_error"
        case 70: "protocol_version"
        case 71: "insufficient_security"
        case 80: "internal_error"
        case 86: "inappropriate_fallback"
        case 90: "user_canceled"
        case 109: "missing_extension"
        case 110: "unsupported_extension"
        case 112: "unrecognized_name"
        case 120: "no_application_protocol"
        default: "alert \(code)"
        }
    }

    public var description: String { name }

    /// Whether the alert says our hello was malformed (a prober bug, never a rejection).
    public var blamesOurHello: Bool { [47, 50].contains(code) }

    /// The fallback SCSV was honoured (RFC 7507).
    public static let inappropriateFallback = TLSAlert(code: 86)
}
