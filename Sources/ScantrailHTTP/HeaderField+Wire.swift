import ScantrailCore

extension HeaderField {
    /// Whether the field can go on the wire as one header line: no CR, LF or NUL in its name or
    /// value, so that nothing a check or a user supplies can split the request.
    var fitsOnOneLine: Bool {
        !name.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 || $0 == 0x3A }
            && !value.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 }
    }
}
