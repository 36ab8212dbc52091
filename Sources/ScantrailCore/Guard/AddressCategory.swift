/// Why an address is not a public one: what a hosted scanner refuses to connect to, since
/// reaching it would turn the scanner against its own network (SSRF).
public enum AddressCategory: String, Hashable, Sendable, CaseIterable {
    /// `127.0.0.0/8`, `::1`.
    case loopback
    /// RFC 1918 (`10/8`, `172.16/12`, `192.168/16`) and IPv6 site-local (`fec0::/10`).
    case privateNetwork = "private"
    /// `169.254.0.0/16`, `fe80::/10`.
    case linkLocal = "link-local"
    /// RFC 6598 shared address space, `100.64.0.0/10` (carrier-grade NAT).
    case sharedAddressSpace = "shared (CGNAT)"
    /// RFC 4193 unique local addresses, `fc00::/7`.
    case uniqueLocal = "unique local (ULA)"
    /// `224.0.0.0/4`, `ff00::/8`.
    case multicast
    /// Instance metadata services: `169.254.169.254`, `169.254.170.2`, `100.100.100.200`,
    /// `168.63.129.16`, `fd00:ec2::254`.
    case cloudMetadata = "cloud metadata"
    /// `0.0.0.0/8`, `::`.
    case unspecified
    /// `255.255.255.255`.
    case broadcast
    /// Documentation, benchmarking, IETF protocol and future-use ranges (`192.0.0/24`,
    /// `192.0.2/24`, `198.18/15`, `198.51.100/24`, `203.0.113/24`, `240/4`, `2001:db8::/32`, `100::/64`).
    case reserved

    /// The category of `address`, or `nil` for a public address.
    public init?(_ address: IPAddress) {
        if let v4 = address.embeddedIPv4 {
            self.init(ipv4: v4)
            return
        }
        switch address {
        case .v4(let value): self.init(ipv4: value)
        case .v6(let bytes): self.init(ipv6: bytes)
        }
    }

    private static let metadataV4: Set<UInt32> = [0xA9FE_A9FE, 0xA9FE_AA02, 0x6464_64C8, 0xA83F_8110]
    private static let metadataV6 = IPAddress("fd00:ec2::254")

    private static let rangesV4: [(base: UInt32, bits: UInt32, category: AddressCategory)] = [
        (0x0000_0000, 8, .unspecified), (0x0A00_0000, 8, .privateNetwork), (0x6440_0000, 10, .sharedAddressSpace),
        (0x7F00_0000, 8, .loopback), (0xA9FE_0000, 16, .linkLocal), (0xAC10_0000, 12, .privateNetwork),
        (0xC000_0000, 24, .reserved), (0xC000_0200, 24, .reserved), (0xC0A8_0000, 16, .privateNetwork),
        (0xC612_0000, 15, .reserved), (0xC633_6400, 24, .reserved), (0xCB00_7100, 24, .reserved),
        (0xFFFF_FFFF, 32, .broadcast), (0xE000_0000, 4, .multicast), (0xF000_0000, 4, .reserved),
    ]

    private init?(ipv4 value: UInt32) {
        if Self.metadataV4.contains(value) {
            self = .cloudMetadata
            return
        }
        for range in Self.rangesV4 {
            let mask: UInt32 = range.bits == 0 ? 0 : ~0 << (32 - range.bits)
            if value & mask == range.base {
                self = range.category
                return
            }
        }
        return nil
    }

    private init?(ipv6 bytes: [UInt8]) {
        if IPAddress.v6(bytes) == Self.metadataV6 {
            self = .cloudMetadata
        } else if bytes.allSatisfy({ $0 == 0 }) {
            self = .unspecified
        } else if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 {
            self = .loopback
        } else if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 {
            self = .linkLocal
        } else if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0xC0 {
            self = .privateNetwork
        } else if bytes[0] & 0xFE == 0xFC {
            self = .uniqueLocal
        } else if bytes[0] == 0xFF {
            self = .multicast
        } else if bytes[0..<4].elementsEqual([0x20, 0x01, 0x0D, 0xB8])
            || bytes[0..<8].elementsEqual([1, 0, 0, 0, 0, 0, 0, 0])
        {
            self = .reserved
        } else {
            return nil
        }
    }
}
