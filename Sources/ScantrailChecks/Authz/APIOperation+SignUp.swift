import ScantrailOpenAPI

extension APIOperation {
    /// Last path segments of sign-up operations.
    static let signUpSegments: Set<String> = ["signup", "sign-up", "register", "registration", "join", "users"]

    /// Whether this is a public sign-up: a POST that needs no credential, at a sign-up path.
    var isSignUp: Bool {
        method == "POST" && !isSecured
            && Self.signUpSegments.contains(path.split(separator: "/").last.map { $0.lowercased() } ?? "")
    }
}
