import Foundation
import ScantrailTestSupport
import Testing

@testable import ScantrailTLS

@Suite("A served chain is read and checked against a trust store, without a connection")
struct ChainObservationTests {
    /// A root, an intermediate under it and a leaf for `localhost` under that.
    static let pki = Task<
        Result<(root: TestPKI.Issued, intermediate: TestPKI.Issued, leaf: TestPKI.Issued), any Error>, Never
    > {
        Result {
            let root = try TestPKI.root(name: "Observation Root")
            let intermediate = try root.issue(name: "Observation Intermediate", isAuthority: true)
            return (root, intermediate, try intermediate.issue(name: "localhost", dnsNames: ["localhost"]))
        }
    }

    /// `body` with the PKI and a trust store holding its root.
    func withStore(
        _ body: ((root: TestPKI.Issued, intermediate: TestPKI.Issued, leaf: TestPKI.Issued), TrustStore) async throws
            -> Void
    ) async throws {
        let pki = try await Self.pki.value.get()
        let path = try TestPKI.writeBundle([pki.root])
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await body(pki, try TrustStore(pemFile: path))
    }

    @Test("leaf and intermediate under a trusted root: complete and trusted, with the path in order")
    func complete() async throws {
        try await withStore { pki, store in
            let observation = try #require(
                await ChainObservation.observe(
                    served: [pki.leaf.der, pki.intermediate.der], expectedName: "localhost", trustStore: .success(store)
                ))
            #expect(observation.incompleteChain.verdict == .no)
            #expect(observation.untrusted.verdict == .no)
            #expect(observation.leafIsReadable && observation.unreadable.isEmpty)
            let path = ChainObservation.issuerPath(from: observation.chain[0], among: observation.chain.reversed())
            #expect(path.map(\.subject) == observation.chain.map(\.subject))
        }
    }

    @Test("a leaf served without its intermediate is incomplete and untrusted, naming the missing issuer")
    func missingIntermediate() async throws {
        try await withStore { pki, store in
            let observation = try #require(
                await ChainObservation.observe(
                    served: [pki.leaf.der], expectedName: "localhost", trustStore: .success(store)))
            #expect(observation.incompleteChain.verdict == .yes)
            #expect(observation.incompleteChain.evidence.contains("Observation Intermediate"))
            #expect(observation.untrusted.verdict == .yes)
        }
    }

    @Test("an unreadable leaf leaves both verdicts unknown; an unreadable extra is listed and the rest judged")
    func unreadable() async throws {
        try await withStore { pki, store in
            let garbage: [UInt8] = [0x30, 0x03, 0x02, 0x01]
            let broken = try #require(
                await ChainObservation.observe(
                    served: [garbage], expectedName: "localhost", trustStore: .success(store)))
            #expect(!broken.leafIsReadable)
            #expect(broken.untrusted.verdict == .inconclusive && broken.incompleteChain.verdict == .inconclusive)
            #expect(broken.untrusted.evidence.hasPrefix("the leaf certificate could not be read: certificate 1 of 1"))
            let extra = try #require(
                await ChainObservation.observe(
                    served: [pki.leaf.der, pki.intermediate.der, garbage], expectedName: "localhost",
                    trustStore: .success(store)))
            #expect(extra.leafIsReadable && extra.unreadable.count == 1)
            #expect(extra.unreadable[0].hasPrefix("certificate 3 of 3"))
            #expect(extra.untrusted.verdict == .no)
        }
    }

    @Test("without a trust store, completeness and trust are unknown, never passed")
    func noStore() async throws {
        let pki = try await Self.pki.value.get()
        let failure = TrustStoreError(description: "cannot read the CA bundle /nowhere.pem")
        let observation = try #require(
            await ChainObservation.observe(
                served: [pki.leaf.der, pki.intermediate.der], expectedName: "localhost", trustStore: .failure(failure)))
        #expect(observation.untrusted == .unknown("cannot read the CA bundle /nowhere.pem"))
        #expect(observation.incompleteChain.verdict == .inconclusive)
        #expect(observation.trustStore == "cannot read the CA bundle /nowhere.pem")
    }

    @Test("no certificate served is no observation")
    func nothingServed() async {
        #expect(
            await ChainObservation.observe(served: [], expectedName: "x", trustStore: .failure(.init(description: "-")))
                == nil)
    }

    @Test("a CA bundle must be readable and hold a certificate; its roots are found by subject")
    func trustStore() async throws {
        #expect(throws: TrustStoreError.self) { try TrustStore(pemFile: "/nonexistent/bundle.pem") }
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString).pem")
        try "not a certificate\n".write(to: empty, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: empty) }
        do {
            _ = try TrustStore(pemFile: empty.path)
            Issue.record("a bundle without certificates was accepted")
        } catch {
            #expect(error.description == "\(empty.path) holds no PEM certificate")
        }
        try await withStore { pki, store in
            #expect(store.source.hasSuffix("(1 certificates)"))
            let root = try CertificateFacts(der: pki.root.der)
            #expect(store.hasRoot(named: root.subject) && !store.hasRoot(named: "CN=Someone Else"))
        }
    }
}
