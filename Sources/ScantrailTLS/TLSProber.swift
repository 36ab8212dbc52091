import Foundation
import NIOCore
import ScantrailCore
import Synchronization

/// Probes one server's TLS with hand-built ClientHellos: protocol versions and, by
/// elimination, the accepted suites of each (offer a set, drop the suite the server picks,
/// repeat until it refuses), all versions and suite chunks in parallel within the connection
/// cap; then groups, server order, fallback signalling, renegotiation and compression.
public struct TLSProber: Sendable {
    /// The server.
    public let target: TLSProbeTarget
    /// The bounds.
    public let settings: TLSProbeSettings
    private let limiter: HostConnectionLimiter
    private let handshakes = HandshakeCounter()

    /// Most suites in one hello: larger hellos break servers.
    static let suitesPerHello = 128

    /// Creates a prober for `target`.
    ///
    /// - Parameter limiter: The connection cap to keep to, shared with whatever else talks to
    ///   the host (a scan's HTTP probe); by default one of `settings.maxConnections` of its own.
    public init(
        target: TLSProbeTarget, settings: TLSProbeSettings = TLSProbeSettings(), limiter: HostConnectionLimiter? = nil
    ) {
        self.target = target
        self.settings = settings
        self.limiter = limiter ?? HostConnectionLimiter(limitPerHost: max(1, settings.maxConnections))
    }

    /// Probes the server.
    ///
    /// - Throws: ``TLSProbeError/unreachable(_:)`` when nothing accepts connections there;
    ///   `CancellationError` when cancelled.
    public func scan() async throws -> TLSScanResult {
        let clock = ContinuousClock()
        let started = clock.now
        async let sslv2 = probeSSLv2()
        let protocols = try await withThrowingTaskGroup(of: (TLSVersion, VersionProbe).self) { group in
            for version in TLSVersion.allCases {
                group.addTask { (version, try await probe(version)) }
            }
            var results: [TLSVersion: VersionProbe] = [:]
            for try await (version, result) in group { results[version] = result }
            return results
        }
        async let groups = acceptedGroups(protocols)
        async let fallback = fallbackSignal(protocols)
        async let extras = firstFlightFacts(protocols)
        // A server without TLS ≤ 1.2 shows its chain only inside a full handshake: start it now.
        let speaksLegacy = TLSVersion.allCases.contains { $0 < .tls13 && !(protocols[$0]?.accepted.isEmpty ?? true) }
        async let tls13Chain = speaksLegacy ? ([], nil) : handshakeChain(protocols)
        let (renegotiation, compression, clearChain, stapled) = try await extras
        let (chain, chainError) =
            !clearChain.isEmpty
            ? (clearChain, nil) : speaksLegacy ? try await handshakeChain(protocols) : try await tls13Chain
        let observedAt = Date()
        let observation = await ChainObservation.observe(
            served: chain, expectedName: target.serverName ?? target.host, trustStore: settings.loadTrustStore())
        let support = [try await sslv2] + TLSVersion.allCases.map { protocols[$0]!.support(for: $0) }
        // Every version answered in something else: there is no TLS on this port.
        let nonTLSReply = protocols.values.allSatisfy { $0.nonTLSReply != nil } ? protocols[.tls12]?.nonTLSReply : nil
        return TLSScanResult(
            target: target.hostAndPort, serverName: target.serverName, nonTLSReply: nonTLSReply, protocols: support,
            groups: try await groups.map(\.name), fallbackSCSV: try await fallback,
            secureRenegotiation: renegotiation, compression: compression,
            certificateChain: chain.map { Data($0).base64EncodedString() }, chain: observation,
            certificateError: chainError, ocspStapled: stapled, observedAt: observedAt,
            handshakes: handshakes.count, durationMilliseconds: Int((clock.now - started) / .milliseconds(1)))
    }

    // MARK: Protocols and suites

    /// SSLv2, in its own hello format; the server names every cipher kind it shares at once.
    private func probeSSLv2() async throws -> TLSScanResult.ProtocolSupport {
        func support(_ status: TLSScanResult.Status, _ reason: String, _ suites: [String] = [])
            -> TLSScanResult.ProtocolSupport
        {
            TLSScanResult.ProtocolSupport(
                version: "sslv2", name: "SSLv2", status: status, reason: reason, suites: suites,
                suitesComplete: status != .inconclusive, serverOrderEnforced: nil)
        }
        let outcome = try await connection { timeout in
            try await HelloExchange.send(
                SSLv2Probe.clientHello(), to: target, parser: SSLv2Probe.Parser(), timeout: timeout)
        }
        guard let outcome else { return support(.inconclusive, budgetSpent) }
        switch outcome {
        case .accepted(let kinds): return support(.accepted, "accepted (\(kinds.count) cipher kinds)", kinds)
        case .rejected(let reason): return support(.rejected, "rejected: \(reason)")
        case .inconclusive(let reason): return support(.inconclusive, reason)
        }
    }

    /// What elimination found for one version.
    struct VersionProbe: Sendable {
        var accepted: [CipherSuite] = []
        var firstHello: ServerHello?
        var alerts: [TLSAlert] = []
        var downgradedTo: UInt16?
        var inconclusive: String?
        /// How the reply began, when it was not TLS at all.
        var nonTLSReply: String?
        var serverOrderEnforced: Bool?

        func support(for version: TLSVersion) -> TLSScanResult.ProtocolSupport {
            let status: TLSScanResult.Status
            let reason: String
            if !accepted.isEmpty {
                (status, reason) = (.accepted, "accepted (\(accepted.count) suites)")
            } else if let inconclusive {
                (status, reason) = (.inconclusive, inconclusive)
            } else if let downgradedTo {
                let chosen =
                    TLSVersion(rawValue: downgradedTo)?.description ?? "version 0x\(String(downgradedTo, radix: 16))"
                (status, reason) = (.rejected, "rejected: the server answered with \(chosen)")
            } else {
                let names = Set(alerts.map(\.name)).sorted().joined(separator: ", ")
                (status, reason) = (.rejected, "rejected with alert \(names)")
            }
            return TLSScanResult.ProtocolSupport(
                version: version.key, name: version.description, status: status, reason: reason,
                suites: accepted.map(\.name), suitesComplete: inconclusive == nil,
                serverOrderEnforced: serverOrderEnforced)
        }
    }

    private func probe(_ version: TLSVersion) async throws -> VersionProbe {
        // Suites a modern server is likely to accept go first, so the first hello of each
        // version usually settles whether the version is accepted.
        // Each suite's likelihood is read from its name once, not on every comparison.
        let candidates = version.candidateSuites.map { ($0, likelihood($0)) }.sorted { $0.1 > $1.1 }.map(\.0)
        let chunks = stride(from: 0, to: candidates.count, by: Self.suitesPerHello).map {
            Array(candidates[$0..<min($0 + Self.suitesPerHello, candidates.count)])
        }
        let parts = try await withThrowingTaskGroup(of: (Int, VersionProbe).self) { group in
            for (index, chunk) in chunks.enumerated() {
                group.addTask { (index, try await eliminate(chunk, version: version)) }
            }
            var parts: [(Int, VersionProbe)] = []
            for try await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.map(\.1)
        }
        var result = VersionProbe()
        for part in parts {
            result.accepted += part.accepted
            result.firstHello = result.firstHello ?? part.firstHello
            result.alerts += part.alerts
            result.downgradedTo = result.downgradedTo ?? part.downgradedTo
            result.inconclusive = result.inconclusive ?? part.inconclusive
        }
        result.nonTLSReply = parts.allSatisfy { $0.nonTLSReply != nil } ? parts.first?.nonTLSReply : nil
        if result.accepted.count >= 2 {
            result.serverOrderEnforced = try await serverOrderEnforced(result.accepted, version: version)
        }
        return result
    }

    private func likelihood(_ suite: CipherSuite) -> Int {
        (suite.isAEAD ? 4 : 0) + (suite.hasForwardSecrecy ? 2 : 0) + (suite.keyExchange.contains("RSA") ? 1 : 0)
    }

    /// Offers `suites`, removes the one the server picks, and repeats until it refuses.
    private func eliminate(_ suites: [CipherSuite], version: TLSVersion) async throws -> VersionProbe {
        var remaining = suites
        var result = VersionProbe()
        while !remaining.isEmpty {
            let outcome = try await send(
                ClientHello(version: version, suites: remaining.map(\.code), serverName: target.serverName))
            switch outcome {
            case .accepted(let hello):
                guard hello.version == version.rawValue else {
                    result.downgradedTo = hello.version
                    return result
                }
                guard let index = remaining.firstIndex(where: { $0.code == hello.suite }) else {
                    result.inconclusive =
                        "the server chose suite 0x\(String(hello.suite, radix: 16)), which was not offered"
                    return result
                }
                result.firstHello = result.firstHello ?? hello
                result.accepted.append(remaining.remove(at: index))
            case .rejected(let alert):
                result.alerts.append(alert)
                return result
            case .inconclusive(let reason):
                result.inconclusive = reason
                return result
            case .notTLS(let reason):
                result.inconclusive = reason
                result.nonTLSReply = reason
                return result
            }
        }
        return result
    }

    /// Offers the accepted suites in reverse of the order the server chose them: a server that
    /// enforces its own order still picks its favourite.
    private func serverOrderEnforced(_ accepted: [CipherSuite], version: TLSVersion) async throws -> Bool? {
        let reversed = accepted.prefix(Self.suitesPerHello).reversed().map(\.code)
        guard
            case .accepted(let hello) = try await send(
                ClientHello(version: version, suites: reversed, serverName: target.serverName))
        else { return nil }
        if hello.suite == accepted[0].code { return true }
        if hello.suite == reversed[0] { return false }
        return nil
    }

    // MARK: Groups, fallback, first-flight facts

    /// The groups the server accepts, each asked about in a hello of its own, all in parallel:
    /// with TLS 1.3 when the server speaks it (a group without our key share still counts when
    /// the server asks for it in a HelloRetryRequest), else from TLS ≤ 1.2 ECDHE key exchanges.
    private func acceptedGroups(_ protocols: [TLSVersion: VersionProbe]) async throws -> [NamedGroup] {
        let candidates: [NamedGroup]
        let version: TLSVersion
        let suites: [CipherSuite]
        if let tls13 = protocols[.tls13], !tls13.accepted.isEmpty {
            (candidates, version, suites) = (NamedGroup.all, .tls13, tls13.accepted)
        } else if let legacy = [TLSVersion.tls12, .tls11, .tls10].first(where: { version in
            protocols[version]?.accepted.contains { $0.keyExchange.hasPrefix("ECDHE") } ?? false
        }) {
            let ecdhe = protocols[legacy]?.accepted.filter { $0.keyExchange.hasPrefix("ECDHE") } ?? []
            (candidates, version, suites) = (NamedGroup.all.filter { !$0.isFiniteField }, legacy, ecdhe)
        } else {
            return []
        }
        return try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            for (index, candidate) in candidates.enumerated() {
                group.addTask { (index, try await accepts(candidate, version: version, suites: suites)) }
            }
            var accepted: [Int] = []
            for try await (index, isAccepted) in group where isAccepted { accepted.append(index) }
            return accepted.sorted().map { candidates[$0] }
        }
    }

    /// Whether the server completes a hello that offers `candidate` as the only group.
    private func accepts(_ candidate: NamedGroup, version: TLSVersion, suites: [CipherSuite]) async throws -> Bool {
        var hello = ClientHello(
            version: version, suites: suites.prefix(Self.suitesPerHello).map(\.code), serverName: target.serverName)
        hello.groups = [candidate]
        hello.keyShareGroups = ClientHello.keyShare(for: candidate) == nil ? [] : [candidate]
        guard case .accepted(let reply) = try await send(hello, readsWholeFlight: version < .tls13) else {
            return false
        }
        return version == .tls13
            ? reply.keyShareGroup == candidate.code : reply.keyExchange == .namedGroup(candidate.code)
    }

    private func fallbackSignal(_ protocols: [TLSVersion: VersionProbe]) async throws -> TLSScanResult.Finding {
        let accepted = TLSVersion.allCases.filter { !(protocols[$0]?.accepted.isEmpty ?? true) }
        guard accepted.count >= 2, let lower = accepted.dropLast().last, let suites = protocols[lower]?.accepted else {
            return .init(verdict: .notApplicable, evidence: "fewer than two protocol versions accepted")
        }
        var hello = ClientHello(
            version: lower, suites: suites.prefix(Self.suitesPerHello).map(\.code), serverName: target.serverName)
        hello.signalsFallback = true
        switch try await send(hello) {
        case .rejected(let alert) where alert == .inappropriateFallback:
            return .init(
                verdict: .yes, evidence: "a \(lower) hello marked as fallback was refused with inappropriate_fallback")
        case .rejected(let alert):
            return .init(verdict: .inconclusive, evidence: "a fallback \(lower) hello was refused with \(alert.name)")
        case .accepted:
            return .init(verdict: .no, evidence: "a \(lower) hello marked as fallback was accepted")
        case .inconclusive(let reason), .notTLS(let reason):
            return .init(verdict: .inconclusive, evidence: reason)
        }
    }

    /// Renegotiation, compression and the certificate chain, read from a full TLS ≤ 1.2 first
    /// flight at the highest such version the server accepts.
    private func firstFlightFacts(_ protocols: [TLSVersion: VersionProbe]) async throws
        -> (TLSScanResult.Finding, TLSScanResult.Finding, [[UInt8]], Bool?)
    {
        let legacy = [TLSVersion.tls12, .tls11, .tls10, .sslv3].first { !(protocols[$0]?.accepted.isEmpty ?? true) }
        guard let version = legacy, let probe = protocols[version] else {
            let none = TLSScanResult.Finding(verdict: .notApplicable, evidence: "no version below TLS 1.3 accepted")
            return (none, none, [], nil)
        }
        let suites = probe.accepted.prefix(Self.suitesPerHello).map(\.code)
        let renegotiation: TLSScanResult.Finding =
            probe.firstHello?.supportsSecureRenegotiation == true
            ? .init(verdict: .yes, evidence: "\(version) ServerHello carries renegotiation_info")
            : .init(verdict: .no, evidence: "\(version) ServerHello lacks renegotiation_info")
        var compressed = ClientHello(version: version, suites: suites, serverName: target.serverName)
        compressed.offersCompression = true
        let compression: TLSScanResult.Finding
        switch try await send(compressed) {
        case .accepted(let hello):
            compression =
                hello.compression == 1
                ? .init(verdict: .yes, evidence: "the server chose DEFLATE when offered")
                : .init(verdict: .no, evidence: "the server chose no compression when DEFLATE was offered")
        case .rejected(let alert):
            compression = .init(
                verdict: .inconclusive, evidence: "a hello offering DEFLATE was refused with \(alert.name)")
        case .inconclusive(let reason), .notTLS(let reason):
            compression = .init(verdict: .inconclusive, evidence: reason)
        }
        let flight = try await send(
            ClientHello(version: version, suites: suites, serverName: target.serverName), readsWholeFlight: true)
        guard case .accepted(let hello) = flight else { return (renegotiation, compression, [], nil) }
        return (renegotiation, compression, hello.certificates, hello.staplesOCSP)
    }

    /// The chain through a full handshake, for servers whose hellos in clear carried none (TLS 1.3
    /// only); or why it could not be read.
    private func handshakeChain(_ protocols: [TLSVersion: VersionProbe]) async throws -> ([[UInt8]], String?) {
        guard protocols.values.contains(where: { !$0.accepted.isEmpty }) else {
            return ([], "no protocol version is accepted")
        }
        do {
            let chain = try await connection { try await ChainHandshake.certificates(of: target, timeout: $0) }
            return chain.map { ($0, nil) } ?? ([], budgetSpent)
        } catch let error as CancellationError {
            throw error
        } catch {
            return ([], "a full handshake to read the certificates failed: \(error)")
        }
    }

    // MARK: Sending

    private func send(_ hello: ClientHello, readsWholeFlight: Bool = false) async throws -> HelloOutcome {
        let outcome = try await connection { timeout in
            try await HelloExchange.send(
                hello.bytes(), to: target, readsWholeFlight: readsWholeFlight, timeout: timeout)
        }
        return outcome ?? .inconclusive(budgetSpent)
    }

    /// Runs one connection's `work` within the handshake budget and the connection cap, passing
    /// the timeout; `nil` once the budget is spent.
    private func connection<Result: Sendable>(_ work: (TimeAmount) async throws -> Result) async throws -> Result? {
        guard handshakes.take(limit: settings.handshakeBudget) else { return nil }
        let timeout = TimeAmount.milliseconds(Int64(settings.timeoutSeconds * 1000))
        // Keyed as the HTTP probe keys its slots, so that a shared limiter caps the host as a whole.
        return try await limiter.withSlot(for: "\(target.host):\(target.port)") { try await work(timeout) }
    }

    /// Why a connection was not made.
    private var budgetSpent: String { "the handshake budget of \(settings.handshakeBudget) is spent" }
}

/// Counts the hellos sent, within a budget.
final class HandshakeCounter: Sendable {
    private let sent = Mutex(0)

    /// Takes one hello from the budget; `false` once it is spent.
    func take(limit: Int) -> Bool {
        sent.withLock {
            guard $0 < limit else { return false }
            $0 += 1
            return true
        }
    }

    /// Hellos sent so far.
    var count: Int { sent.withLock { $0 } }
}

/// Why a TLS probe could not run at all.
public enum TLSProbeError: Error, CustomStringConvertible {
    /// Nothing accepts connections at the target.
    case unreachable(String)

    public var description: String {
        switch self {
        case .unreachable(let message): message
        }
    }
}
