import ArgumentParser
import Foundation
import ScantrailApp

/// `scantrail signing-key init|show`.
struct SigningKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signing-key",
        abstract: "Make and show the installation's Ed25519 key that signs bundles and audit checkpoints.",
        subcommands: [Initialize.self, Show.self]
    )

    /// `scantrail signing-key init`.
    struct Initialize: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Make the signing key (owner-only file; never overwrites one) and print its public key.")

        @Option(help: ArgumentHelp("Where to keep it (default: the data folder's signing-key.pem).", valueName: "file"))
        var path: String?

        func run() async throws {
            let path = path ?? SigningKeyFile.defaultPath()
            let key = try SigningKeyFile.create(at: path)
            StandardError.write("scantrail: signing key written to \(path) (mode 600); keep it secret, back it up")
            print(key.publicKey.pem + "fingerprint sha256:\(key.publicKey.fingerprint)")
        }
    }

    /// `scantrail signing-key show`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the public key (PEM) and its fingerprint, to publish for auditors.")

        func run() async throws {
            guard let key = try SigningKeyFile.load() else {
                throw AppError.invalid("no signing key: run 'scantrail signing-key init' or set SCANTRAIL_SIGNING_KEY")
            }
            print(key.publicKey.pem + "fingerprint sha256:\(key.publicKey.fingerprint)")
        }
    }
}
