extension ScanContext {
    /// Runs `transform` over `items` with at most `width` in flight (by default the per-host
    /// connection cap), starting each item as an earlier one finishes, and returns the results in
    /// the order of `items`. The tasks inherit the caller's task executor preference.
    ///
    /// - Throws: the first error a `transform` throws; the others are cancelled.
    public func concurrentMap<Item: Sendable, Result: Sendable>(
        _ items: [Item], width: Int? = nil, _ transform: @escaping @Sendable (Item) async throws -> Result
    ) async throws -> [Result] {
        let width = max(1, width ?? configuration.limits.maxConnectionsPerHost)
        return try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var pending = items.enumerated().makeIterator()
            func startNext() {
                guard let (index, item) = pending.next() else { return }
                group.addTask { (index, try await transform(item)) }
            }
            for _ in 0..<width { startNext() }
            var results: [(Int, Result)] = []
            results.reserveCapacity(items.count)
            while let result = try await group.next() {
                results.append(result)
                startNext()
            }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }
}
