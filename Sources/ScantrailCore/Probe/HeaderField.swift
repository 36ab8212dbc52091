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
        first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Every value of the header `name` (case-insensitive), in order.
    public func all(_ name: String) -> [String] {
        filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }
}
