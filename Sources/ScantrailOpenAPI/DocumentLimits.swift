import Foundation

/// Bounds on a JSON or YAML document read from outside — a description fetched or uploaded, a
/// configuration file — checked before it is parsed into values: its size, how deep it nests,
/// and how many values it holds once every YAML alias is expanded. A few hundred bytes of
/// nested aliases otherwise expand to billions of values (the "billion laughs").
public struct DocumentLimits: Hashable, Sendable {
    /// The largest document, in bytes.
    public var maxBytes: Int
    /// The deepest nesting of arrays and objects (sequences and mappings).
    public var maxDepth: Int
    /// The most values (scalars, arrays, objects), every alias counted as what it expands to.
    public var maxValues: Int

    /// Bounds of the caller's choosing.
    public init(maxBytes: Int, maxDepth: Int, maxValues: Int) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxValues = maxValues
    }

    /// What every document from outside is held to: 32 MiB, 200 levels, two million values —
    /// room for the largest public API descriptions, and a bound on the memory one can take.
    public static let standard = DocumentLimits(maxBytes: 32 << 20, maxDepth: 200, maxValues: 2_000_000)

    /// Why a document is refused.
    public struct Violation: Error, Hashable, Sendable, CustomStringConvertible {
        /// What the document exceeds, to follow its name ("is larger than 32 MiB").
        public let description: String
    }

    /// Checks a JSON document's size, depth and number of values, without parsing it.
    ///
    /// - Throws: ``Violation`` for the first bound it exceeds.
    public func check(json data: Data) throws(Violation) {
        try check(size: data.count)
        var depth = 0
        var values = 0
        var inString = false
        var escaped = false
        for byte in data {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                values += 1
                try check(depth: depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            case UInt8(ascii: ","): values += 1
            default: continue
            }
        }
        try check(values: values)
    }

    /// Checks a YAML document's size, depth and number of values with every alias expanded, by
    /// reading its events once; nothing is expanded. A document that does not parse passes
    /// here, for the parser to say where it breaks.
    ///
    /// - Throws: ``Violation`` for the first bound it exceeds.
    public func check(yaml text: String) throws(Violation) {
        try check(size: text.utf8.count)
        var counter = ExpansionCounter()
        try YAMLEventReader.read(text) { event throws(Violation) in
            counter.take(event)
            try check(depth: counter.depth)
            try check(values: counter.values)
        }
    }

    func check(size: Int) throws(Violation) {
        guard size <= maxBytes else { throw Violation(description: "is larger than \(Self.size(maxBytes))") }
    }

    func check(depth: Int) throws(Violation) {
        guard depth <= maxDepth else { throw Violation(description: "nests deeper than \(maxDepth) levels") }
    }

    func check(values: Int) throws(Violation) {
        guard values <= maxValues else {
            throw Violation(description: "holds more than \(maxValues) values once its aliases are expanded")
        }
    }

    private static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : bytes >= 1 << 10 ? "\(bytes >> 10) KiB" : "\(bytes) bytes"
    }
}
