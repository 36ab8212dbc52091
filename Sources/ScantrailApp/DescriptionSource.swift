import ScantrailOpenAPI

/// Where a scan's OpenAPI description comes from.
public enum DescriptionSource: Sendable {
    /// Found at the target's usual documentation paths when identities are given; none otherwise.
    case automatic
    /// An http(s) URL or a file path, parsed where the text came in.
    case location(DescriptionLocation)
    /// A description already imported, named by `source`.
    case imported(APIInventory, source: String)
    /// No description: the OpenAPI-driven checks do not run.
    case none
}
