import Foundation

/// Where the evidence store lives: an SQLite file (the embedded default) or a PostgreSQL database.
public enum StoreLocation: Hashable, Sendable, CustomStringConvertible {
    /// An SQLite file at this path.
    case sqlite(path: String)
    /// A PostgreSQL database at this URL.
    case postgres(url: String)

    /// `postgres://…` or `postgresql://…` is PostgreSQL; anything else is an SQLite file path.
    public init(parsing text: String) {
        let lowered = text.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else {
            self = .sqlite(path: (text as NSString).expandingTildeInPath)
        }
    }

    /// The default: `$SCANTRAIL_DATABASE` if set, else `$XDG_DATA_HOME/scantrail/scantrail.db`,
    /// else `~/.local/share/scantrail/scantrail.db`.
    public static func `default`(environment: [String: String] = ProcessInfo.processInfo.environment) -> StoreLocation {
        if let configured = environment["SCANTRAIL_DATABASE"], !configured.isEmpty {
            return StoreLocation(parsing: configured)
        }
        let dataHome =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/share")
        return .sqlite(path: (dataHome as NSString).appendingPathComponent("scantrail/scantrail.db"))
    }

    /// The location for messages, without a password.
    public var description: String {
        switch self {
        case .sqlite(let path):
            return path
        case .postgres(let url):
            guard var components = URLComponents(string: url), components.password != nil else { return url }
            components.password = "***"
            return components.string ?? "postgres://…"
        }
    }
}
