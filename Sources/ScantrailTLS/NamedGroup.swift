/// A key-exchange group (the supported_groups registry): elliptic curves, finite-field groups
/// and hybrid post-quantum groups.
public struct NamedGroup: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The registry value.
    public let code: UInt16
    /// The registry name (`x25519`, `secp256r1`, `ffdhe2048`, `X25519MLKEM768`).
    public let name: String

    public var description: String { name }

    /// The groups the prober asks about, strongest-common first.
    public static let all: [NamedGroup] = [
        NamedGroup(code: 0x001D, name: "x25519"),
        NamedGroup(code: 0x0017, name: "secp256r1"),
        NamedGroup(code: 0x0018, name: "secp384r1"),
        NamedGroup(code: 0x0019, name: "secp521r1"),
        NamedGroup(code: 0x001E, name: "x448"),
        NamedGroup(code: 0x11EC, name: "X25519MLKEM768"),
        NamedGroup(code: 0x0100, name: "ffdhe2048"),
        NamedGroup(code: 0x0101, name: "ffdhe3072"),
        NamedGroup(code: 0x0102, name: "ffdhe4096"),
        NamedGroup(code: 0x0103, name: "ffdhe6144"),
        NamedGroup(code: 0x0104, name: "ffdhe8192"),
        NamedGroup(code: 0x0016, name: "secp256k1"),
        NamedGroup(code: 0x0015, name: "secp224r1"),
        NamedGroup(code: 0x001A, name: "brainpoolP256r1"),
        NamedGroup(code: 0x001B, name: "brainpoolP384r1"),
        NamedGroup(code: 0x001C, name: "brainpoolP512r1"),
    ]

    /// The group with value `code`, or a placeholder named by its value.
    public static func named(_ code: UInt16) -> NamedGroup {
        all.first { $0.code == code }
            ?? NamedGroup(code: code, name: "0x" + String(code, radix: 16, uppercase: true))
    }

    /// Whether it is a finite-field (DH) group.
    public var isFiniteField: Bool { (0x0100...0x01FF).contains(code) }
}
