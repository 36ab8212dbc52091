import Crypto
import Foundation

/// The stable identity of a finding across scans: SHA-256 over the rule identifier, the
/// lower-cased origin, the method, the path template and the discriminator.
///
/// Never timestamps, build ids or response bodies: the same problem at the same place must
/// keep the same fingerprint scan after scan, or its lifecycle flaps.
public struct Fingerprint: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    /// 64 lower-case hex digits.
    public let rawValue: String

    /// Wraps an existing fingerprint.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Computes the fingerprint of a rule at a location.
    public init(ruleID: String, location: Location) {
        let parts = [
            ruleID,
            location.origin.lowercased(),
            location.method?.uppercased() ?? "",
            Self.normalise(path: location.path),
            location.discriminator ?? "",
        ]
        // A unit separator cannot appear in any part, so distinct tuples never collide.
        let digest = SHA256.hash(data: Data(parts.joined(separator: "\u{1F}").utf8))
        self.rawValue = digest.hexString
    }

    /// The fingerprint of `ruleID` at the location as a whole, whatever its discriminator: what
    /// a not-applicable outcome without a discriminator speaks for.
    public init(scopeOf ruleID: String, at location: Location) {
        self.init(ruleID: ruleID, location: location.with(discriminator: nil))
    }

    public var description: String { rawValue }

    /// Drops the query and a trailing slash (but keeps `/`), so `/a/` and `/a?x=1` are `/a`.
    static func normalise(path: String) -> String {
        var path = String(path.prefix { $0 != "?" && $0 != "#" })
        while path.count > 1 && path.hasSuffix("/") {
            path.removeLast()
        }
        return path.isEmpty ? "/" : path
    }
}
