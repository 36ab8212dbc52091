/// Input that cannot be used (a malformed target URL, say): reported as one line, exit 2.
struct InputError: Error, CustomStringConvertible {
    let description: String
}
