/// A response did not complete within the request timeout.
struct DeadlineExceeded: Error {}
