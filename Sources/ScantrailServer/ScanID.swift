import Foundation
import ScantrailCore

/// A scan's id in its link: 128 random bits, base64url — unguessable, so the link is the key.
struct ScanID: Hashable, Sendable, CustomStringConvertible {
    let rawValue: String

    /// A fresh random id.
    static func random() -> ScanID {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return ScanID(rawValue: bytes.base64URLString)
    }

    /// An id from a link, when it has the shape of one.
    init?(link: String) {
        guard link.count == 22,
            link.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { return nil }
        rawValue = link
    }

    private init(rawValue: String) {
        self.rawValue = rawValue
    }

    var description: String { rawValue }
}
