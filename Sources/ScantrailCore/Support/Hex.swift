import Foundation

extension Sequence where Element == UInt8 {
    /// The bytes as lower-case hexadecimal, two digits each (digests, fingerprints).
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

extension Sequence where Element == UInt8 {
    /// The bytes in base64url without padding (RFC 4648 §5): JWT segments, tokens, link ids.
    public var base64URLString: String {
        Data(self).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
