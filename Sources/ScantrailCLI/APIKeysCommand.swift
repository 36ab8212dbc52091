import ArgumentParser
import Foundation
import ScantrailApp
import ScantrailReports
import ScantrailStore

extension APIKeyScope: ExpressibleByArgument {}

/// `scantrail api-keys create|list|revoke|rotate`.
struct APIKeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-keys",
        abstract: "Manage the web service's API keys: shown once, stored hashed, scoped, audited.",
        subcommands: [Create.self, List.self, Revoke.self, Rotate.self]
    )

    /// `scantrail api-keys create`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a key and print its secret, this once.")

        @Option(help: "What the key is for.")
        var name: String

        @Option(help: "read, scan or admin (repeatable).")
        var scope: [APIKeyScope]

        @Option(
            help: ArgumentHelp("When it stops working: a date, an ISO 8601 time, or days (90d).", valueName: "when"))
        var expires: String?

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let expiry = try expires.map { try Date(expiry: $0, from: Date()) }
            let made = try await store.withStore {
                try await $0.createAPIKey(name: name, scopes: scope, expiresAt: expiry)
            }
            StandardError.write("scantrail: key \(made.key.id) made; its secret is shown once, below — store it now")
            print(made.secret)
        }
    }

    /// `scantrail api-keys list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (never their secrets).")

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: TrailFormat

        func run() async throws {
            let keys = try await store.withStore { try await $0.apiKeys() }
            try output.print(text: { TrailTextRenderer(now: Date()).apiKeys(keys) }, json: keys)
        }
    }

    /// `scantrail api-keys revoke`.
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key now.")

        @Argument(help: "The key's id (k_…).")
        var id: String

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withStore { _ = try await $0.revokeAPIKey(id) }
            print("Key \(id) is revoked.")
        }
    }

    /// `scantrail api-keys rotate`.
    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace a key; the old one keeps working through the overlap. Prints the new secret once.")

        @Argument(help: "The key's id (k_…).")
        var id: String

        @Option(help: "Hours the old key keeps working.")
        var overlapHours = 24.0

        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard overlapHours >= 0 else { throw ValidationError("--overlap-hours must not be negative") }
        }

        func run() async throws {
            let made = try await store.withStore { try await $0.rotateAPIKey(id, overlap: overlapHours * 3600) }
            StandardError.write(
                "scantrail: \(id) works \(overlapHours) more hours; new key \(made.key.id), secret below, shown once")
            print(made.secret)
        }
    }
}
