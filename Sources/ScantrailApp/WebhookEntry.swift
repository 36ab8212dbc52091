import Foundation

/// One webhook of the configuration file, as written (`${VAR}` not yet read).
public struct WebhookEntry: Decodable, Sendable, Hashable {
    /// Its name in the delivery log (`security-channel`).
    public let name: String
    /// The URL alerts are posted to; may be a `${VAR}` reference (Slack's URL is a secret).
    public let url: String
    /// What is posted.
    public let format: Webhook.Format
    /// The signing secret of a `json` webhook; may be a `${VAR}` reference.
    let secret: String?

    /// The webhook, its references read from `environment`.
    ///
    /// - Throws: ``AppError`` for an unset variable, a URL that is not http(s), or a `json`
    ///   webhook without a secret.
    func resolved(environment: [String: String]) throws -> Webhook {
        let owner = "webhook \(name)"
        let address = try EnvironmentReference.expand(url, environment: environment, owner: owner)
        guard let parsed = URL(string: address), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""),
            parsed.host != nil
        else { throw AppError.invalid("\(owner): the URL is not an http(s) URL") }
        let key = try secret.map { try EnvironmentReference.expand($0, environment: environment, owner: owner) }
        if format == .json && (key ?? "").isEmpty {
            throw AppError.invalid("\(owner): a json webhook needs a secret to sign its deliveries")
        }
        return Webhook(name: name, url: parsed, format: format, secret: key)
    }
}

/// A webhook ready to post to.
public struct Webhook: Sendable, Hashable {
    /// What a webhook is sent.
    public enum Format: String, Codable, Sendable {
        /// Slack's incoming-webhook JSON (`{"text": …}`), which Mattermost and Teams' Slack
        /// connectors also take.
        case slack
        /// Scantrail's alert JSON, signed with HMAC-SHA256 over the timestamp and the body.
        case json
    }

    /// Its name in the delivery log.
    public let name: String
    /// Where alerts are posted.
    public let url: URL
    public let format: Format
    /// The signing secret (`json`).
    public let secret: String?

    /// Creates a webhook.
    public init(name: String, url: URL, format: Format, secret: String?) {
        self.name = name
        self.url = url
        self.format = format
        self.secret = secret
    }
}
