import ScantrailCore
import Testing

@Suite("Address blocks (CIDR), as --allow-target takes them")
struct IPNetworkTests {
    @Test("a block holds the addresses under its prefix, and a bare address only itself")
    func containment() throws {
        let block = try #require(IPNetwork("10.1.0.0/16"))
        #expect(block.contains(IPAddress("10.1.255.7")!) && !block.contains(IPAddress("10.2.0.1")!))
        let single = try #require(IPNetwork("127.0.0.1"))
        #expect(single.contains(IPAddress("127.0.0.1")!) && !single.contains(IPAddress("127.0.0.2")!))
        let v6 = try #require(IPNetwork("fd00::/8"))
        #expect(v6.contains(IPAddress("fd12::1")!) && !v6.contains(IPAddress("fe80::1")!))
        #expect(IPNetwork("0.0.0.0/0")?.contains(IPAddress("203.0.113.9")!) == true)
    }

    @Test("bits past the prefix are cleared; an IPv4 block never holds an IPv6 spelling of its addresses")
    func normalising() throws {
        #expect(IPNetwork("10.1.2.3/8")?.description == "10.0.0.0/8")
        #expect(IPNetwork("127.0.0.0/8")?.contains(IPAddress("::ffff:127.0.0.1")!) == false)
    }

    @Test("anything but an address with an optional prefix the family allows is refused")
    func refusals() {
        for text in [
            "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8", "api.example.com", "10.0.0.0/+8", "",
        ] {
            #expect(IPNetwork(text) == nil, "\(text)")
        }
    }

    @Test("hosted mode lets an exempt block through and still refuses the rest of loopback")
    func exemptBlocks() {
        let exempt = [IPNetwork("127.0.0.0/30")!]
        #expect(TargetGuard.refusedCategory(of: IPAddress("127.0.0.3")!, exempt: exempt) == nil)
        #expect(TargetGuard.refusedCategory(of: IPAddress("127.0.0.4")!, exempt: exempt) == .loopback)
    }
}
