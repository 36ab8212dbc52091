import Foundation

/// Where an API description lives, decided once where the text comes in: an http(s) URL,
/// fetched through the scan's own client and target guard, or a file on the scanning machine.
///
/// Only an operator names a file (a command-line flag, a configuration file, a monitored target
/// added from the command line). What arrives from a remote caller goes through
/// ``remote(_:)``, which can only ever give a URL: no spelling — a scheme in capitals, spaces
/// around it, `file:`, a relative path — reaches the file system.
public enum DescriptionLocation: Hashable, Sendable, CustomStringConvertible {
    /// An absolute http(s) URL with a host, its scheme in lower case.
    case url(String)
    /// A path on the scanning machine, as given.
    case file(String)

    /// What an operator typed: an http(s) URL in any spelling of its scheme (spaces around it
    /// trimmed), else a file path.
    ///
    /// - Throws: ``AppError`` for an http(s) URL without a host, or an empty value.
    public init(parsing text: String) throws(AppError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw AppError.invalid("the description's location is empty") }
        if let url = try Self.url(trimmed) {
            self = .url(url)
        } else {
            self = .file(text)
        }
    }

    /// What a remote caller sent (the scan page, the REST API): an http(s) URL, or a refusal.
    /// The refusal does not repeat the value.
    ///
    /// - Throws: ``AppError`` for anything but an absolute http(s) URL with a host.
    public static func remote(_ text: String) throws(AppError) -> DescriptionLocation {
        guard let url = try url(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw AppError.invalid("the description must be an http:// or https:// URL")
        }
        return .url(url)
    }

    /// The host of a URL, without IPv6 brackets; `nil` for a file.
    public var host: String? {
        guard case .url(let url) = self else { return nil }
        return URLHost.of(url)
    }

    /// The URL or the path.
    public var description: String {
        switch self {
        case .url(let url): url
        case .file(let path): path
        }
    }

    /// `text` as an http(s) URL with its scheme lower-cased; `nil` when it names another scheme
    /// or none.
    private static func url(_ text: String) throws(AppError) -> String? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let scheme = text[..<colon].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = text[colon...]
        guard rest.hasPrefix("://"), var components = URLComponents(string: scheme + rest),
            let host = components.host, !host.isEmpty
        else { throw AppError.invalid("the description's URL must be absolute, with a host") }
        guard components.user == nil, components.password == nil else {
            throw AppError.invalid("the description's URL must not hold credentials")
        }
        components.scheme = scheme
        return components.string ?? scheme + rest
    }
}
