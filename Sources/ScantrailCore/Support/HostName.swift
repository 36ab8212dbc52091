/// Facts about the host part of a target.
public enum HostName {
    /// Whether `host` is an IP address literal (IPv4 dotted, or IPv6 without brackets) rather
    /// than a name: no SNI is sent for it, and IPv6 goes in brackets in URLs.
    public static func isAddressLiteral(_ host: String) -> Bool {
        host.contains(":") || (!host.isEmpty && host.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") })
    }
}
