import ScantrailCore

extension Location {
    /// The location of a documented operation, from its label (`GET /orders/{orderId}`).
    init(origin: String, operation label: String, discriminator: String? = nil) {
        let parts = label.split(separator: " ", maxSplits: 1)
        self.init(
            origin: origin, method: parts.count == 2 ? String(parts[0]) : nil, path: String(parts.last ?? ""),
            discriminator: discriminator)
    }
}
