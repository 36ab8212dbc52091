import Foundation
import ScantrailCore

/// The `tickets:` section of the configuration file: which findings get a remediation ticket,
/// and the tracker (GitHub Issues or Jira Cloud) they go to. Tokens are `${VAR}` references.
///
/// ```yaml
/// tickets:
///   minimumSeverity: high          # findings at or above it get a ticket
///   reopenClosedByHand: false      # a ticket closed while its finding is open is reported; true: reopened too
///   github:
///     repository: acme/api
///     token: ${GITHUB_TOKEN}
///     apiURL: https://api.github.com        # GitHub Enterprise Server: https://HOST/api/v3
///     labels: [security]                    # besides "scantrail" and "severity:high"
///   # or
///   jira:
///     url: https://acme.atlassian.net
///     email: secops@acme.example
///     token: ${JIRA_API_TOKEN}
///     project: SEC
///     issueType: Bug
///     closeTransition: Done
///     reopenTransition: Reopen
/// ```
public struct TicketSettings: Decodable, Sendable, Hashable {
    /// The lowest severity that gets a ticket.
    public var minimumSeverity: Severity = .high
    /// Reopen a ticket someone closed while its finding is still open (it is reported either way).
    public var reopenClosedByHand = false
    /// GitHub Issues, as written.
    public var github: GitHubEntry?
    /// Jira Cloud, as written.
    public var jira: JiraEntry?

    /// The defaults: no tracker.
    public init() {}

    private enum CodingKeys: String, CodingKey {
        case minimumSeverity, reopenClosedByHand, github, jira
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        minimumSeverity = try container.decodeIfPresent(Severity.self, forKey: .minimumSeverity) ?? minimumSeverity
        reopenClosedByHand = try container.decodeIfPresent(Bool.self, forKey: .reopenClosedByHand) ?? false
        github = try container.decodeIfPresent(GitHubEntry.self, forKey: .github)
        jira = try container.decodeIfPresent(JiraEntry.self, forKey: .jira)
        if github != nil && jira != nil {
            throw DecodingError.dataCorruptedError(
                forKey: .jira, in: container, debugDescription: "name github or jira, not both")
        }
    }

    /// The tracker, its references read from `environment`; `nil` when none is configured.
    ///
    /// - Throws: ``AppError`` for an unset variable or a malformed entry.
    public func tracker(environment: [String: String]) throws -> TrackerSettings? {
        if let github { return .github(try github.resolved(environment: environment)) }
        if let jira { return .jira(try jira.resolved(environment: environment)) }
        return nil
    }

    /// GitHub Issues as written in the file.
    public struct GitHubEntry: Decodable, Sendable, Hashable {
        let repository: String
        let token: String
        var apiURL: String?
        var labels: [String]?

        func resolved(environment: [String: String]) throws -> TrackerSettings.GitHub {
            let parts = repository.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty }) else {
                throw AppError.invalid("tickets.github: repository must be OWNER/NAME")
            }
            return TrackerSettings.GitHub(
                owner: String(parts[0]), repository: String(parts[1]),
                token: try EnvironmentReference.expand(token, environment: environment, owner: "tickets.github"),
                apiURL: try TrackerSettings.httpURL(apiURL ?? "https://api.github.com", owner: "tickets.github"),
                labels: labels ?? ["security"])
        }
    }

    /// Jira Cloud as written in the file.
    public struct JiraEntry: Decodable, Sendable, Hashable {
        let url: String
        let email: String
        let token: String
        let project: String
        var issueType: String?
        var closeTransition: String?
        var reopenTransition: String?

        func resolved(environment: [String: String]) throws -> TrackerSettings.Jira {
            func expand(_ text: String) throws -> String {
                try EnvironmentReference.expand(text, environment: environment, owner: "tickets.jira")
            }
            return TrackerSettings.Jira(
                url: try TrackerSettings.httpURL(try expand(url), owner: "tickets.jira"), email: try expand(email),
                token: try expand(token), project: project, issueType: issueType ?? "Bug",
                closeTransition: closeTransition ?? "Done", reopenTransition: reopenTransition ?? "Reopen")
        }
    }
}

/// The tracker remediation tickets go to, ready to use.
public enum TrackerSettings: Sendable, Hashable {
    /// GitHub Issues of one repository.
    public struct GitHub: Sendable, Hashable {
        public let owner: String
        public let repository: String
        /// A token allowed to write the repository's issues.
        public let token: String
        /// The REST API's root (`https://api.github.com`).
        public let apiURL: URL
        /// Labels every ticket carries, besides `scantrail` and its severity's.
        public let labels: [String]

        /// Creates the settings.
        public init(owner: String, repository: String, token: String, apiURL: URL, labels: [String]) {
            self.owner = owner
            self.repository = repository
            self.token = token
            self.apiURL = apiURL
            self.labels = labels
        }
    }

    /// One project of a Jira Cloud site.
    public struct Jira: Sendable, Hashable {
        /// The site (`https://acme.atlassian.net`).
        public let url: URL
        /// The account's email and API token (basic authentication).
        public let email: String
        public let token: String
        /// The project key (`SEC`), the issue type made, and the transitions that close and reopen.
        public let project: String
        public let issueType: String
        public let closeTransition: String
        public let reopenTransition: String

        /// Creates the settings.
        public init(
            url: URL, email: String, token: String, project: String, issueType: String, closeTransition: String,
            reopenTransition: String
        ) {
            self.url = url
            self.email = email
            self.token = token
            self.project = project
            self.issueType = issueType
            self.closeTransition = closeTransition
            self.reopenTransition = reopenTransition
        }
    }

    case github(GitHub)
    case jira(Jira)

    /// `text` as an http(s) URL.
    static func httpURL(_ text: String, owner: String) throws -> URL {
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil
        else { throw AppError.invalid("\(owner): '\(text.prefix(60))' is not an http(s) URL") }
        return url
    }
}
