/// An IPv4 or IPv6 address, read from any spelling a URL host or a resolver may hand over:
/// dotted quads, but also the forms `inet_aton` accepts (`2130706433`, `0x7f000001`,
/// `0177.0.0.1`, `127.1`), and IPv6 with `::`, an embedded dotted IPv4, brackets or a zone.
public enum IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// An IPv4 address, as a 32-bit number.
    case v4(UInt32)
    /// An IPv6 address, as its 16 bytes.
    case v6([UInt8])

    /// Parses `text`; `nil` when it is no address (a host name, say).
    public init?(_ text: String) {
        var host = Substring(text)
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        if host.contains(":") {
            guard let bytes = Self.parseIPv6(host) else { return nil }
            self = .v6(bytes)
        } else {
            guard let value = Self.parseIPv4(host) else { return nil }
            self = .v4(value)
        }
    }

    /// The IPv4 address an IPv6 one carries: IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible
    /// (`::a.b.c.d`, deprecated) and NAT64 (`64:ff9b::a.b.c.d`) forms.
    public var embeddedIPv4: UInt32? {
        guard case .v6(let bytes) = self else { return nil }
        let prefix = bytes[0..<12]
        let mapped = prefix.elementsEqual(Self.mappedPrefix)
        let compatible =
            prefix.allSatisfy { $0 == 0 } && bytes[12..<16].contains { $0 != 0 } && bytes[12..<15] != [0, 0, 0]
        let nat64 = prefix.elementsEqual([0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0])
        guard mapped || compatible || nat64 else { return nil }
        return bytes[12..<16].reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Dotted quad for IPv4; RFC 5952 text for IPv6 (lower case, the longest zero run as `::`,
    /// IPv4-mapped addresses as `::ffff:a.b.c.d`).
    public var description: String {
        switch self {
        case .v4(let value):
            return Self.dotted(value)
        case .v6(let bytes) where bytes[0..<12].elementsEqual(Self.mappedPrefix):
            return "::ffff:" + Self.dotted(bytes[12..<16].reduce(0) { $0 << 8 | UInt32($1) })
        case .v6(let bytes):
            let groups = stride(from: 0, to: 16, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
            var best = (start: -1, length: 0)
            var index = 0
            while index < 8 {
                guard groups[index] == 0 else {
                    index += 1
                    continue
                }
                let start = index
                while index < 8, groups[index] == 0 { index += 1 }
                if index - start > best.length, index - start > 1 { best = (start, index - start) }
            }
            let text = groups.map { String($0, radix: 16) }
            guard best.start >= 0 else { return text.joined(separator: ":") }
            let head = text[..<best.start].joined(separator: ":")
            let tail = text[(best.start + best.length)...].joined(separator: ":")
            return head + "::" + tail
        }
    }

    /// The first 12 bytes of an IPv4-mapped IPv6 address (`::ffff:0:0/96`).
    private static let mappedPrefix: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]

    private static func dotted(_ value: UInt32) -> String {
        [24, 16, 8, 0].map { String((value >> UInt32($0)) & 0xFF) }.joined(separator: ".")
    }

    /// `inet_aton`'s grammar: one to four parts, each decimal, `0x` hex or `0`-led octal; the
    /// last part fills the bytes the others leave.
    private static func parseIPv4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var values: [UInt64] = []
        for part in parts {
            guard let value = number(part), value <= UInt64(UInt32.max) else { return nil }
            values.append(value)
        }
        var result: UInt64 = 0
        for (index, value) in values.dropLast().enumerated() {
            guard value <= 0xFF else { return nil }
            result |= value << UInt64(24 - 8 * index)
        }
        let remainingBits = UInt64(32 - 8 * (values.count - 1))
        guard let last = values.last, remainingBits == 64 || last < (1 << remainingBits) else { return nil }
        return UInt32(result | last)
    }

    private static func number(_ part: Substring) -> UInt64? {
        guard !part.isEmpty else { return nil }
        let lowered = part.lowercased()
        if lowered.hasPrefix("0x") {
            let digits = lowered.dropFirst(2)
            return digits.isEmpty ? 0 : UInt64(digits, radix: 16)
        }
        if lowered.count > 1, lowered.hasPrefix("0") { return UInt64(lowered.dropFirst(), radix: 8) }
        return UInt64(lowered, radix: 10)
    }

    private static func parseIPv6(_ text: Substring) -> [UInt8]? {
        var text = text
        if let zone = text.firstIndex(of: "%") { text = text[..<zone] }
        var tailV4: [UInt8] = []
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            let dotted = text[text.index(after: lastColon)...]
            let parts = dotted.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 4 else { return nil }
            for part in parts {
                guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let byte = UInt8(part) else {
                    return nil
                }
                tailV4.append(byte)
            }
            text = text[...lastColon]
            if !text.hasSuffix("::") { text = text.dropLast() }
        }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ half: String) -> [UInt16]? {
            guard !half.isEmpty else { return [] }
            var result: [UInt16] = []
            for group in half.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(group.count), let value = UInt16(group, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        let tail = halves.count == 2 ? groups(halves[1]) : []
        guard let tail else { return nil }
        let wanted = 8 - tailV4.count / 2
        let given = head.count + tail.count
        if halves.count == 2 {
            guard given < wanted else { return nil }
        } else {
            guard given == wanted else { return nil }
        }
        let all = head + Array(repeating: 0, count: wanted - given) + tail
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } + tailV4
    }
}
