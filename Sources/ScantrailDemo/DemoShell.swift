import Foundation

/// A pretend `/bin/sh` for the demo's planted command injection: it reads a command line as a
/// shell would — `;`, `|`, `&&`, `||`, `#` comments, `$(…)` and backtick substitutions — and
/// runs only a handful of harmless commands itself (`ping` answers a made-up reply, `echo`,
/// `sleep` up to 5 seconds, `curl -s URL` and `wget -qO- URL` through ``DemoFetch``, to this
/// machine only). No process is ever started: the flaw is real to a scanner, not to the host.
enum DemoShell {
    /// What a command line printed, and its last command's status.
    struct Result {
        var output: String
        var status: Int32
    }

    /// Runs `line`.
    static func run(_ line: String) async -> Result {
        var line = withoutComment(line)
        // Substitutions first, innermost and leftmost: `$(…)`, then backticks.
        while let range = substitution(in: line) {
            let inner = line[range].dropFirst(line[range].hasPrefix("$(") ? 2 : 1).dropLast()
            let replaced = await run(String(inner)).output.trimmingCharacters(in: .whitespacesAndNewlines)
            line.replaceSubrange(range, with: replaced)
        }
        var result = Result(output: "", status: 0)
        var pending: Substring = ""
        var skip = false
        var index = line.startIndex
        func finish(_ separator: String) async {
            if !skip {
                let ran = await command(pending)
                result.output += ran.output
                result.status = ran.status
            }
            pending = ""
            skip = (separator == "&&" && result.status != 0) || (separator == "||" && result.status == 0)
        }
        while index < line.endIndex {
            let rest = line[index...]
            if let separator = ["&&", "||", ";", "|"].first(where: { rest.hasPrefix($0) }) {
                await finish(separator)
                index = line.index(index, offsetBy: separator.count)
            } else {
                pending.append(line[index])
                index = line.index(after: index)
            }
        }
        await finish(";")
        return result
    }

    /// `line` up to a `#` that starts a word.
    private static func withoutComment(_ line: String) -> String {
        var previous: Character = " "
        for index in line.indices {
            if line[index] == "#", previous.isWhitespace { return String(line[..<index]) }
            previous = line[index]
        }
        return line
    }

    /// The innermost `$(…)` or backtick pair, if any.
    private static func substitution(in line: String) -> Range<String.Index>? {
        if let close = line.firstIndex(of: ")"), let open = line[..<close].range(of: "$(", options: .backwards) {
            return open.lowerBound..<line.index(after: close)
        }
        if let open = line.firstIndex(of: "`"), let close = line[line.index(after: open)...].firstIndex(of: "`") {
            return open..<line.index(after: close)
        }
        return nil
    }

    /// One simple command.
    private static func command(_ text: Substring) async -> Result {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let name = words.first else { return Result(output: "", status: 0) }
        let arguments = Array(words.dropFirst())
        switch name {
        case "echo":
            return Result(output: arguments.joined(separator: " ") + "\n", status: 0)
        case "ping":
            guard let host = arguments.last(where: { !$0.hasPrefix("-") && Int($0) == nil }) else {
                return Result(output: "ping: usage error\n", status: 2)
            }
            return Result(
                output: "PING \(host): 56 data bytes\n1 packets transmitted, 1 packets received, 0.0% packet loss\n",
                status: 0)
        case "sleep":
            let seconds = min(Double(arguments.first ?? "") ?? 0, 5)
            try? await Task.sleep(for: .seconds(seconds))
            return Result(output: "", status: 0)
        case "curl", "wget":
            guard let url = arguments.last(where: { !$0.hasPrefix("-") }) else {
                return Result(output: "\(name): no URL specified\n", status: 2)
            }
            do {
                return Result(output: try await DemoFetch.body(of: url), status: 0)
            } catch {
                return Result(output: "\(name): \(error)\n", status: 6)
            }
        default:
            return Result(output: "sh: \(name): not found\n", status: 127)
        }
    }
}
