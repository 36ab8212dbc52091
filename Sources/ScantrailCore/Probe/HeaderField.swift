import Foundation

/// One HTTP header line, kept in order and with the case the peer used.
public struct HeaderField: Hashable, Codable, Sendable {
    /// Header name.
    public let name: String
    /// Header value.
    public let value: String

    /// Creates a header field.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Whether the field's name is `name`, ignoring ASCII case (header names are ASCII).
    public func hasName(_ name: String) -> Bool {
        let (own, other) = (self.name.utf8, name.utf8)
        guard own.count == other.count else { return false }
        return zip(own, other).allSatisfy {
            $0 == $1 || ($0 | 0x20 == $1 | 0x20 && ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A)
        }
    }

    /// Parses `Name: value` as given on a command line.
    public init?(line: String) {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !name.contains(" ") else { return nil }
        self.name = name
        self.value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
}

extension Array where Element == HeaderField {
    /// The first value of the header `name` (case-insensitive).
    public func first(_ name: String) -> String? {
        first { $0.hasName(name) }?.value
    }

    /// Every value of the header `name` (case-insensitive), in order.
    public func all(_ name: String) -> [String] {
        filter { $0.hasName(name) }.map(\.value)
    }
}
