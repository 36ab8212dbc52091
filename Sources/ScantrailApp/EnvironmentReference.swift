/// `${VAR}` references in the configuration file, so that secrets stay in the environment.
enum EnvironmentReference {
    /// `text` with each `${VAR}` replaced by the variable's value.
    ///
    /// - Parameter owner: What the text belongs to, for the error (`identity alice`, `webhook siem`).
    /// - Throws: ``AppError`` naming a variable that is not set.
    static func expand(_ text: String, environment: [String: String], owner: String) throws -> String {
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${"), let end = rest[start.upperBound...].firstIndex(of: "}") {
            let variable = String(rest[start.upperBound..<end])
            guard let value = environment[variable] else {
                throw AppError.invalid("\(owner): environment variable \(variable) is not set")
            }
            result += rest[..<start.lowerBound] + value
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }
}
