extension Schedule {
    /// Reads a schedule back from its ``description`` (`every 24h`, `cron 0 3 * * * (UTC)`), as
    /// the store keeps it.
    ///
    /// - Throws: ``Invalid`` for text no schedule describes itself as.
    public init(spec: String) throws(Invalid) {
        if spec.hasPrefix("every ") {
            self = try Schedule(every: String(spec.dropFirst("every ".count)))
        } else if spec.hasPrefix("cron "), spec.hasSuffix(")"), let open = spec.lastIndex(of: "(") {
            let expression = spec[spec.index(spec.startIndex, offsetBy: 5)..<open].trimmingCharacters(in: .whitespaces)
            let zone = String(spec[spec.index(after: open)..<spec.index(before: spec.endIndex)])
            self = try Schedule(cron: expression, timeZone: zone)
        } else {
            throw Invalid(description: "'\(spec.prefix(60))' is not a schedule")
        }
    }
}
