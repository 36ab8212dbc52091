/// Why the application core refused or could not finish a request. Front ends map ``kind`` to
/// their own status (an exit code, an HTTP status) and show ``description`` as one line; the
/// text never holds a secret.
public struct AppError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure it is, for a front end to decide its status on.
    public enum Kind: Hashable, Sendable {
        /// The request is malformed or cannot be used.
        case invalidRequest
        /// What the request names is not in the trail (a target never scanned in the period).
        case notFound
        /// The evidence store cannot be opened or used.
        case storeUnavailable
        /// The target could not be scanned (unreachable, no check selected).
        case scanFailed
        /// The scan was cancelled before it started.
        case cancelled
    }

    private enum Code: Hashable, Sendable {
        case invalidSetting(Setting, String)
        case invalid(String)
        case notFound(String)
        case storeUnavailable(String)
        case scanFailed(String)
        case cancelled
    }

    private let code: Code

    /// A setting of the request whose value is refused; `problem` reads after its name
    /// ("must be at least 1").
    public static func invalid(_ setting: Setting, _ problem: String) -> AppError {
        AppError(code: .invalidSetting(setting, problem))
    }

    /// Input that cannot be used, said in one sentence.
    public static func invalid(_ reason: String) -> AppError { AppError(code: .invalid(reason)) }

    /// What the request names is not in the trail, said in one sentence.
    public static func notFound(_ reason: String) -> AppError { AppError(code: .notFound(reason)) }

    /// The evidence store cannot be opened or used.
    public static func storeUnavailable(_ reason: String) -> AppError { AppError(code: .storeUnavailable(reason)) }

    /// The scan could not run.
    public static func scanFailed(_ reason: String) -> AppError { AppError(code: .scanFailed(reason)) }

    /// Cancelled before the scan started.
    public static let cancelled = AppError(code: .cancelled)

    /// What kind of failure it is.
    public var kind: Kind {
        switch code {
        case .invalidSetting, .invalid: .invalidRequest
        case .notFound: .notFound
        case .storeUnavailable: .storeUnavailable
        case .scanFailed: .scanFailed
        case .cancelled: .cancelled
        }
    }

    /// The refused setting, when one is to blame.
    public var setting: Setting? {
        if case .invalidSetting(let setting, _) = code { return setting }
        return nil
    }

    /// The reason without the setting's name ("must be at least 1"), or the whole description.
    public var problem: String {
        if case .invalidSetting(_, let problem) = code { return problem }
        return description
    }

    public var description: String {
        switch code {
        case .invalidSetting(let setting, let problem): "\(setting.rawValue) \(problem)"
        case .invalid(let reason), .notFound(let reason), .storeUnavailable(let reason), .scanFailed(let reason): reason
        case .cancelled: "cancelled before the scan started"
        }
    }
}
