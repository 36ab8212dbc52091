import Foundation
import ScantrailCore

/// Which forward proxy a scan uses: one given (`--proxy`), or the environment's the way curl
/// and Go read it (`HTTPS_PROXY` for https targets, `HTTP_PROXY` for http ones, either case,
/// `NO_PROXY` listing hosts to reach directly; loopback hosts always direct).
public struct ProxySetting: Hashable, Sendable {
    /// The proxy URL.
    public let url: String
    /// Hosts reached directly.
    public let bypass: [String]
    /// Whether it came from the environment (and so leaves loopback hosts direct).
    public let fromEnvironment: Bool

    /// A proxy given explicitly: it applies to every host, loopback included.
    public init(url: String, bypass: [String] = []) {
        self.url = url
        self.bypass = bypass
        self.fromEnvironment = false
    }

    /// The environment's proxy for a `scheme` target, or `nil`.
    public init?(environment: [String: String], scheme: String) {
        func variable(_ name: String) -> String? {
            (environment[name] ?? environment[name.lowercased()]).flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let url = variable(scheme == "https" ? "HTTPS_PROXY" : "HTTP_PROXY") else { return nil }
        self.url = url.contains("://") ? url : "http://" + url
        self.bypass = variable("NO_PROXY")?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
        self.fromEnvironment = true
    }

    /// The engine's form, or `nil` when the URL is not an http proxy URL.
    var configuration: ProxyConfiguration? {
        ProxyConfiguration(url: url, bypass: bypass, directToLoopback: fromEnvironment)
    }
}
