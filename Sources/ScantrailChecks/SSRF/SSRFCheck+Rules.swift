import ScantrailCore

extension SSRFCheck {
    /// The rules this check reports, one outcome each per URL-taking parameter probed.
    public enum Rules {
        /// The server fetched a URL it was handed.
        public static let blind = Rule(
            id: "ssrf.url-fetched", title: "The server fetches URLs its callers hand it", severity: .high,
            description: """
                A parameter that takes a URL was sent the address of the scan's own callback listener, and the \
                listener received a request for it from the API's side: the server fetches whatever URL it is \
                handed. An attacker hands it internal addresses instead — cloud metadata services, admin \
                consoles, databases on the private network — and the server reaches them with its own network \
                position and credentials (server-side request forgery).
                """,
            remediation: """
                Fetch only from an allowlist of hosts and schemes, resolve the name and refuse private, loopback, \
                link-local and metadata addresses before connecting (and after every redirect), send requests \
                from an egress proxy that enforces the same, and never follow redirects blindly.
                """,
            references: [
                "https://owasp.org/API-Security/editions/2023/en/0xa7-server-side-request-forgery/",
                "https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html",
            ],
            mapping: ControlMapping(tsc: [.cc7_1, .cc6_6], owasp: [.api7], cwe: [CWE(918)]))

        /// The server showed what it fetched.
        public static let fullRead = Rule(
            id: "ssrf.response-relayed", title: "The server shows callers what it fetched for them",
            severity: .critical,
            description: """
                The server fetched the scan's callback URL and put the listener's answer — text it was never \
                sent — in its own response: an attacker reads whatever the server can reach, cloud credentials \
                from a metadata service included (full-read server-side request forgery).
                """,
            remediation: """
                Besides restricting what the server may fetch (see ssrf.url-fetched), never return fetched content \
                as is: return only what the feature needs (an image's dimensions, a validated thumbnail).
                """,
            references: [
                "https://owasp.org/API-Security/editions/2023/en/0xa7-server-side-request-forgery/",
                "https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html",
            ],
            mapping: ControlMapping(tsc: [.cc7_1, .cc6_6], owasp: [.api7], cwe: [CWE(918)]))

        /// Every rule, in report order.
        static let all = [blind, fullRead]
    }
}
