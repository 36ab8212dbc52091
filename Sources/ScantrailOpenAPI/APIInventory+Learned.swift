extension APIInventory {
    /// What a scan learnt rather than read in a description: a plain GET of each of `paths`
    /// (no parameters, no security, no servers), titled `title`.
    public init(learned paths: [String], title: String) {
        self.init(
            specification: "learned", title: title, version: "", servers: [], securitySchemes: [:],
            operations: paths.map { path in
                APIOperation(
                    method: "GET", path: path, operationID: nil, summary: nil, tags: [], parameters: [],
                    requestBody: nil, security: [])
            },
            issues: [])
    }

    /// The same description with only its first `count` operations.
    public func prefix(_ count: Int) -> APIInventory {
        APIInventory(
            specification: specification, title: title, version: version, servers: servers,
            securitySchemes: securitySchemes, operations: Array(operations.prefix(count)), issues: issues)
    }
}
