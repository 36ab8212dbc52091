import Foundation
import ScantrailCore
import ScantrailHTTP

/// Where the scan's callback listener listens and how targets reach it, parsed from
/// `--callback-url` and `--callback-listen`.
struct CallbackSettings: Sendable, Hashable {
    /// The URL probes are put under; `nil`: `http://` and the bound address.
    let advertised: String?
    /// The address to bind; `nil`: this machine's address towards the target.
    let host: String?
    /// The port to bind; 0 picks a free one.
    let port: Int

    /// The settings `url` and `listen` give.
    ///
    /// - Throws: ``AppError`` for a URL that is not http(s) with a host, or a listen address
    ///   that is not `[HOST:]PORT`.
    init(url: String?, listen: String?) throws {
        var host: String?
        var port = 0
        if let url {
            guard let components = URLComponents(string: url), ["http", "https"].contains(components.scheme ?? ""),
                components.host?.isEmpty == false, components.user == nil
            else {
                throw AppError.invalid(.callbackURL, "'\(url.prefix(60))' is not an http(s) URL with a host")
            }
            // Behind a port forward, the listener listens where the URL points, on every interface.
            host = "0.0.0.0"
            port = components.port ?? (components.scheme == "https" ? 443 : 80)
        }
        if let listen {
            let (named, number) =
                listen.lastIndex(of: ":").map { (String(listen[..<$0]), String(listen[listen.index(after: $0)...])) }
                ?? (nil, listen)
            guard let value = Int(number), (0...65535).contains(value), named?.isEmpty != true else {
                throw AppError.invalid(.callbackListen, "'\(listen.prefix(60))' is not [HOST:]PORT")
            }
            host = named.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[]")) } ?? host ?? "0.0.0.0"
            port = value
        }
        self.advertised = url
        self.host = host
        self.port = port
    }

    /// Runs `body` with a listener's recorder for a scan of `target`. Without settings the
    /// listener binds this machine's address towards the target at a free port, and `body`
    /// gets `nil` when there is none (the out-of-band probes then say they could not run).
    ///
    /// - Throws: ``AppError`` when an address the user named cannot be bound, or what `body` throws.
    func withListener<Result: Sendable>(
        for target: ScanTarget, _ body: (CallbackRecorder?) async throws -> Result
    ) async throws -> Result {
        let bind: String
        if let host {
            bind = host
        } else if let local = try? await CallbackListener.localAddress(towards: target.host, port: target.port) {
            bind = local
        } else {
            return try await body(nil)
        }
        do {
            return try await CallbackListener.withListening(host: bind, port: port, advertised: advertised) {
                try await body($0)
            }
        } catch let error as CallbackListener.StartError {
            guard host == nil else { throw AppError.invalid(.callbackListen, error.description) }
            return try await body(nil)
        }
    }
}
