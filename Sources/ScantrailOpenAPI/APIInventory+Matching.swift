extension APIInventory {
    /// The documented operation a request of `method` to `path` (relative to the server, no
    /// query) answers: `GET /orders/o-17` is `GET /orders/{orderId}`. A literal segment beats a
    /// parameter (`/orders/export` is not `/orders/{orderId}` when both are documented); `nil`
    /// when none matches.
    public func operation(method: String, path: String) -> APIOperation? {
        let segments = Self.segments(of: path)
        return operations.filter { $0.method == method }.compactMap { operation -> (APIOperation, Int)? in
            let template = Self.segments(of: operation.path)
            guard template.count == segments.count else { return nil }
            var literals = 0
            for (pattern, segment) in zip(template, segments) {
                if pattern.hasPrefix("{") && pattern.hasSuffix("}") {
                    guard !segment.isEmpty else { return nil }
                } else if pattern == segment {
                    literals += 1
                } else {
                    return nil
                }
            }
            return (operation, literals)
        }.max { $0.1 < $1.1 }?.0
    }

    private static func segments(of path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }
}
