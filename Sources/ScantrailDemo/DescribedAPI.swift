import ScantrailCore
import ScantrailOpenAPI

/// The in-process APIs that come with an OpenAPI description and identities, for
/// `scantrail demo --accounts` and `--wallet`.
public enum DescribedAPI: Sendable {
    /// ``AccountsAPI``: authentication, authorization, rate-limit and inventory flaws.
    case accounts
    /// ``WalletAPI``: forged ES256 tokens that get through.
    case wallet
    /// ``CatalogueAPI``: SQL injection on SQLite, accounts told apart.
    case catalogue
    /// ``ToolsAPI``: SSRF, command injection and ReDoS.
    case tools
    /// ``BoardAPI``: reads, writes and deletes on other members' objects, made by the scan.
    case board

    /// `accounts API`, `wallet API`.
    public var name: String {
        switch self {
        case .accounts: "accounts API"
        case .wallet: "wallet API"
        case .catalogue: "catalogue API"
        case .tools: "tools API"
        case .board: "board API"
        }
    }

    /// Serves the flawed face (or the `hardened` one) on 127.0.0.1 while `body` runs, given
    /// the port, the description and the identities.
    public func withRunning<Result: Sendable>(
        hardened: Bool,
        _ body: (_ port: Int, _ inventory: APIInventory, _ identities: [Identity]) async throws -> Result
    ) async throws -> Result {
        switch self {
        case .accounts:
            let profile: AccountsAPI.Profile = hardened ? .hardened : .flawed
            let (inventory, identities) = try await AccountsAPI.description(profile)
            return try await LocalHTTPServer.withRunning(AccountsAPI.router(profile)) {
                try await body($0, inventory, identities)
            }
        case .wallet:
            let (inventory, identities) = try await WalletAPI.description()
            return try await LocalHTTPServer.withRunning(WalletAPI.router(hardened ? .hardened : .flawed)) {
                try await body($0, inventory, identities)
            }
        case .catalogue:
            let inventory = try await CatalogueAPI.description()
            return try await LocalHTTPServer.withRunning(try CatalogueAPI.router(hardened ? .hardened : .flawed)) {
                try await body($0, inventory, [CatalogueAPI.identity])
            }
        case .tools:
            let inventory = try await ToolsAPI.description()
            return try await LocalHTTPServer.withRunning(ToolsAPI.router(hardened ? .hardened : .flawed)) {
                try await body($0, inventory, [ToolsAPI.identity])
            }
        case .board:
            let inventory = try await BoardAPI.description()
            return try await LocalHTTPServer.withRunning(BoardAPI.router(hardened ? .hardened : .flawed)) {
                try await body($0, inventory, BoardAPI.identities)
            }
        }
    }
}
