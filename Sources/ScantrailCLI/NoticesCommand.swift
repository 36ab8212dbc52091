import ArgumentParser
import ScantrailApp

/// `scantrail notices`: the licence notices of the data built into the binary.
struct NoticesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notices",
        abstract: "Print the licence notices of the third-party data built into scantrail.",
        discussion: """
            The JWT key guessing tries 103,978 public JWT secrets (wallarm/jwt-secrets, MIT) and an \\
            American English word list (SCOWL, as Debian's wamerican ships it), both inside the binary.
            """
    )

    func run() {
        print(ShippedNotices.text, terminator: "")
    }
}
