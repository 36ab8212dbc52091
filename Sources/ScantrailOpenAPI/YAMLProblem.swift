import Yams

/// What a YAML parser error says, told without the document's text: Yams's own description
/// quotes the offending line, which may hold anything (a password on a file's first line).
struct YAMLProblem: CustomStringConvertible {
    let description: String

    /// The problem of `error`, as " at line L, column C: problem", or "" when it names none.
    init(_ error: any Error) {
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) at line \($0.mark.line), column \($0.mark.column), " } ?? ""
            description = " at line \(mark.line), column \(mark.column): \(prefix)\(problem)"
        case .duplicatedKeysInMapping(_, let context):
            description = " at line \(context.mark.line), column \(context.mark.column): a mapping repeats a key"
        case .reader(let problem, _, _, _):
            description = ": \(problem)"
        default:
            description = ""
        }
    }
}
