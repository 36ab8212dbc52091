/// One sensitive path and how to recognise it: a probe finds it only when the response is a
/// success, is not the server's soft-404, has the expected kind of content (an HTML page, or
/// anything but one), and matches every signature (or starts with the expected bytes).
public struct ExposureProbe: Sendable, Hashable {
    /// The path requested (with a query for `?wsdl`).
    public let path: String
    /// What it is, and so which rule reports it.
    public let kind: ExposureKind
    /// Regular expressions (case-insensitive) that must all match the start of the body.
    public let signatures: [String]
    /// Byte prefixes, as hex, one of which the body must start with (binary files).
    public let magic: [String]
    /// Whether the genuine content is an HTML page; otherwise an HTML page means "not it".
    public let isHTML: Bool

    /// Creates a probe.
    public init(path: String, kind: ExposureKind, signatures: [String], magic: [String], isHTML: Bool) {
        self.path = path
        self.kind = kind
        self.signatures = signatures
        self.magic = magic
        self.isHTML = isHTML
    }

    /// A text file recognised by `signatures`.
    static func text(_ path: String, _ kind: ExposureKind, _ signatures: String...) -> ExposureProbe {
        ExposureProbe(path: path, kind: kind, signatures: signatures, magic: [], isHTML: false)
    }

    /// An HTML page recognised by `signatures`.
    static func page(_ path: String, _ kind: ExposureKind, _ signatures: String...) -> ExposureProbe {
        ExposureProbe(path: path, kind: kind, signatures: signatures, magic: [], isHTML: true)
    }

    /// A binary file recognised by its first bytes (hex).
    static func binary(_ path: String, _ kind: ExposureKind, magic: String...) -> ExposureProbe {
        ExposureProbe(path: path, kind: kind, signatures: [], magic: magic, isHTML: false)
    }
}
