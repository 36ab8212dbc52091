/// The scanner's name and version, stamped on every report.
public struct ScannerInfo: Codable, Sendable, Hashable {
    /// `scantrail`.
    public let name: String
    /// Semantic version of this build.
    public let version: String

    /// Creates scanner information.
    public init(name: String, version: String) {
        self.name = name
        self.version = version
    }

    /// This build.
    public static let current = ScannerInfo(name: "scantrail", version: "0.1.0")
}
