import ScantrailOpenAPI

/// Where a scan's OpenAPI description comes from.
public enum DescriptionSource: Sendable {
    /// Found at the target's usual documentation paths when identities are given; none otherwise.
    case automatic
    /// A file path or an http(s) URL.
    case location(String)
    /// A description already imported, named by `source`.
    case imported(APIInventory, source: String)
    /// No description: the OpenAPI-driven checks do not run.
    case none
}
