import ScantrailCore
import Synchronization
import Testing

@Suite("The target guard: scope, hosted mode and pinning")
struct TargetGuardTests {
    @Test(
        "a host outside the scope is refused in whatever spelling it comes",
        arguments: ["127.0.0.2", "2130706434", "0x7f000002", "::ffff:127.0.0.2", "[::ffff:7f00:2]", "evil.example"])
    func outsideScope(host: String) async {
        let scanGuard = TargetGuard(allowedHosts: ["127.0.0.1", "API.example.com."])
        guard case .refused(let reason) = await scanGuard.admit(host) else {
            Issue.record("\(host) was let through")
            return
        }
        #expect(
            reason.hasSuffix("is outside the scan's scope (127.0.0.1, api.example.com); allow it with --allow-host"))
    }

    @Test(
        "the scope's own hosts pass, names compared without case or a trailing dot",
        arguments: ["127.0.0.1", "2130706433", "api.example.com", "Api.Example.Com."])
    func insideScope(host: String) async {
        let scanGuard = TargetGuard(allowedHosts: ["127.0.0.1", "api.example.com"])
        #expect(await scanGuard.admit(host) == .allowed(connectTo: host))
    }

    @Test("without hosts given, any host passes unresolved")
    func unrestricted() async {
        #expect(await TargetGuard().admit("anything.example") == .allowed(connectTo: "anything.example"))
    }

    @Test(
        "hosted mode refuses loopback literals in every spelling, naming the address",
        arguments: ["127.0.0.2", "2130706434", "0x7f000002", "0177.0.0.2", "::ffff:127.0.0.2"])
    func hostedLiterals(host: String) async {
        let scanGuard = TargetGuard(
            hosted: true,
            resolve: { _ in
                Issue.record("a literal is never resolved")
                return []
            })
        #expect(await scanGuard.admit(host) == .refused("\(host) is \(IPAddress(host)!), a loopback address"))
    }

    @Test("hosted mode refuses a name when any of its addresses is not public, and pins the first otherwise")
    func hostedNames() async {
        let records: [String: [IPAddress]] = [
            "mixed.example": [.v4(0x0808_0808), .v4(0xA9FE_A9FE)],
            "public.example": [.v4(0x0808_0808), .v4(0x0101_0101)],
        ]
        let scanGuard = TargetGuard(hosted: true, resolve: { records[$0] ?? [] })
        #expect(
            await scanGuard.admit("mixed.example")
                == .refused("mixed.example resolves to 169.254.169.254, a cloud metadata address"))
        #expect(await scanGuard.admit("public.example") == .allowed(connectTo: "8.8.8.8"))
        #expect(await scanGuard.admit("nowhere.example") == .refused("nowhere.example resolves to no address"))
    }

    @Test("the first resolution holds for the whole scan: a name that re-resolves (DNS rebinding) changes nothing")
    func pinned() async {
        let lookups = Atomic<Int>(0)
        let scanGuard = TargetGuard(
            hosted: true, exempt: [IPNetwork("127.0.0.1")!],
            resolve: { _ in
                // First a checked address, then the one an attacker would like.
                lookups.add(1, ordering: .relaxed).oldValue == 0 ? [.v4(0x7F00_0001)] : [.v4(0xA9FE_A9FE)]
            })
        for _ in 0..<3 {
            #expect(await scanGuard.admit("rebind.example") == .allowed(connectTo: "127.0.0.1"))
        }
        #expect(lookups.load(ordering: .relaxed) == 1)
    }

    @Test("an exempt host name is let through whatever it resolves to; another name on the same address is not")
    func exemptName() async {
        let scanGuard = TargetGuard(
            hosted: true, exemptNames: ["API.Internal."], resolve: { _ in [.v4(0x0A00_0005)] })
        #expect(await scanGuard.admit("api.internal") == .allowed(connectTo: "10.0.0.5"))
        #expect(
            await scanGuard.admit("other.internal")
                == .refused("other.internal resolves to 10.0.0.5, a private address"))
    }

    @Test("a name the resolver does not know is refused with the resolver's words")
    func unresolvable() async {
        let scanGuard = TargetGuard(
            hosted: true,
            resolve: { name in
                throw HostResolver.Failure(description: "cannot resolve \(name): Name or service not known")
            })
        #expect(
            await scanGuard.admit("no-such-host.invalid")
                == .refused("cannot resolve no-such-host.invalid: Name or service not known"))
    }
}
