import ScantrailChecks

/// The licence notices of the third-party data built into the product (the JWT key guessing's
/// public secrets and English words), which every copy must carry: `scantrail notices`.
public enum ShippedNotices {
    /// The notices, as their sources wrote them.
    public static var text: String { ShippedKeyLists.notices }
}
