/// Hides what might be a secret in text kept as evidence: every run of letters, digits and
/// `_-+/.` of 8 characters or more keeps its first 4 and masks the rest — except a name right
/// before `=` or `:`, so `DB_PASSWORD=hunt***********` stays readable and its value does not.
enum Masking {
    /// One secret value: its first 4 characters, then 3 to 12 `*` (never its true length).
    static func value(_ secret: String) -> String {
        secret.prefix(4) + String(repeating: "*", count: min(max(secret.count - 4, 3), 12))
    }

    static func mask(_ text: String) -> String {
        var output = ""
        var run = ""
        func flush(isName: Bool) {
            output += run.count >= 8 && !isName ? run.prefix(4) + String(repeating: "*", count: run.count - 4) : run
            run = ""
        }
        for character in text {
            if character.isLetter || character.isNumber || "_-+/.".contains(character) {
                run.append(character)
            } else {
                flush(isName: character == "=" || character == ":")
                output.append(character == "\n" || character == "\r" ? " " : character)
            }
        }
        flush(isName: false)
        return output
    }
}
