import ScantrailOpenAPI

extension APIOperation {
    /// Path words (a segment with its hyphens and underscores dropped, or a word of one) that
    /// mark an operation as taking credentials: sign-in, sign-up, password reset, token, codes.
    static let credentialMarkers: Set<String> = [
        "login", "signin", "logon", "session", "sessions", "token", "auth", "authenticate", "password", "otp", "mfa",
        "2fa", "register", "registration", "signup", "reset", "forgot", "forgotpassword", "resetpassword", "recover",
        "verify",
    ]

    /// Whether the operation takes credentials — a POST, PUT or PATCH at a sign-in, sign-up,
    /// password reset, token or one-time-code path, or with such an operation id — the places a
    /// burst of guesses lands, and a rate limit with it. Reads (`GET /auth/me`, `GET /authors`) are not.
    var takesCredentials: Bool {
        guard ["POST", "PUT", "PATCH"].contains(method) else { return false }
        let segments = path.lowercased().split(separator: "/").filter { !$0.hasPrefix("{") }
        let words = segments.flatMap { segment in
            [segment.filter { $0 != "-" && $0 != "_" }] + segment.split { $0 == "-" || $0 == "_" }.map { Substring($0) }
        }
        let id = (operationID ?? "").lowercased()
        return words.contains { Self.credentialMarkers.contains(String($0)) }
            || ["login", "signin", "signup", "logon", "password", "token", "register"].contains { id.contains($0) }
    }
}
