/// A block of addresses: an address and how many leading bits of it count (`10.1.0.0/16`,
/// `fd00::/8`); a bare address is a block of one. An IPv4 block holds IPv4 addresses only, not
/// their IPv6 spellings: an exemption never widens by a change of notation.
public struct IPNetwork: Hashable, Sendable, CustomStringConvertible {
    /// The first address of the block.
    public let address: IPAddress
    /// Leading bits that count: 0–32 for IPv4, 0–128 for IPv6.
    public let prefixLength: Int

    /// Parses `address` or `address/prefix`; `nil` for anything else (a host name, a prefix too
    /// long for the family). Bits past the prefix are cleared.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = IPAddress(String(parts[0])) else { return nil }
        let width = Self.width(address)
        var length = width
        if parts.count == 2 {
            guard let given = Int(parts[1]), (0...width).contains(given), parts[1].allSatisfy(\.isNumber) else {
                return nil
            }
            length = given
        }
        self.address = Self.masked(address, to: length)
        prefixLength = length
    }

    /// Whether `candidate` is in the block.
    public func contains(_ candidate: IPAddress) -> Bool {
        guard Self.width(candidate) == Self.width(address) else { return false }
        return Self.masked(candidate, to: prefixLength) == address
    }

    public var description: String { "\(address)/\(prefixLength)" }

    private static func width(_ address: IPAddress) -> Int {
        if case .v4 = address { 32 } else { 128 }
    }

    private static func masked(_ address: IPAddress, to length: Int) -> IPAddress {
        switch address {
        case .v4(let value):
            return .v4(length == 0 ? 0 : value & ~UInt32(0) << (32 - length))
        case .v6(let bytes):
            return .v6(
                bytes.enumerated().map { index, byte in
                    let kept = min(max(length - index * 8, 0), 8)
                    return kept == 0 ? 0 : byte & ~UInt8(0) << (8 - kept)
                })
        }
    }
}
