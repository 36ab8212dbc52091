import CScantrailKeys

/// The key lists built into the binary, so a scan tries the same keys on every machine: the
/// 103,978 HMAC secrets of public JWT examples and code (wallarm/jwt-secrets, MIT) and an
/// American English word list (SCOWL, as Debian's wamerican ships it). Their notices travel with
/// the source, in `Sources/CScantrailKeys/lists/`, and inside the binary: `scantrail notices`.
public enum ShippedKeyLists {
    /// The licence notices of the lists, which every copy of them must carry.
    public static var notices: String { String(decoding: bytes(scantrail_key_list_notices), as: UTF8.self) }

    /// The public JWT secrets, in the list's order.
    static let jwtSecrets = lines(scantrail_jwt_secrets)

    /// The English words, in the list's order.
    static let englishWords = lines(scantrail_english_words)

    /// The non-empty lines of the list `list` gives, as written (a secret may hold spaces).
    private static func lines(_ list: (UnsafeMutablePointer<Int>?) -> UnsafePointer<CChar>?) -> [String] {
        String(decoding: bytes(list), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// The embedded bytes `list` gives.
    private static func bytes(_ list: (UnsafeMutablePointer<Int>?) -> UnsafePointer<CChar>?) -> UnsafeRawBufferPointer {
        var length = 0
        let start = list(&length)
        return UnsafeRawBufferPointer(start: start, count: length)
    }
}
