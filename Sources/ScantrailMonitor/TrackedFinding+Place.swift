import ScantrailStore

extension TrackedFinding {
    /// Where on its target the finding is, short (`GET /users`), for alerts and ticket titles.
    var place: String {
        "\(location.method.map { "\($0) " } ?? "")\(location.path)"
    }
}
