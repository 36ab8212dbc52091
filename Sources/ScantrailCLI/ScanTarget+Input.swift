import ScantrailCore

extension ScanTarget {
    /// Parses a target given on the command line; a bad one is an ``InputError`` (one line, exit 2).
    static func input(_ text: String) throws -> ScanTarget {
        do {
            return try ScanTarget(parsing: text)
        } catch {
            throw InputError(description: error.description)
        }
    }
}
