/// Why a scan could not run at all. Its description is one line for the terminal and never
/// contains headers, tokens or bodies.
public struct ScanError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case unreachable(url: String, failure: ProbeFailure)
        case noChecks
    }

    private let code: Code

    /// The target did not answer at all.
    public static func unreachable(url: String, failure: ProbeFailure) -> Self {
        Self(code: .unreachable(url: url, failure: failure))
    }

    /// The selection left no check to run.
    public static let noChecks = Self(code: .noChecks)

    public var description: String {
        switch code {
        case .unreachable(let url, let failure):
            "cannot reach \(url): \(failure.message)"
        case .noChecks:
            "no check selected: nothing to scan"
        }
    }
}
