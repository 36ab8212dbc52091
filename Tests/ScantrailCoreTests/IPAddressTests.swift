import ScantrailCore
import Testing

@Suite("IP addresses in every spelling a URL or a resolver gives")
struct IPAddressTests {
    @Test(
        "IPv4 in the forms inet_aton accepts is one address",
        arguments: [
            "127.0.0.2", "2130706434", "0x7f000002", "0X7F000002", "0177.0.0.2", "0177.0.0.02", "127.2", "127.0.2",
            "0x7f.0.0.2",
        ])
    func ipv4Spellings(text: String) {
        #expect(IPAddress(text) == .v4(0x7F00_0002))
        #expect(IPAddress(text)?.description == "127.0.0.2")
    }

    @Test(
        "IPv6 with compression, brackets, zones and embedded IPv4",
        arguments: [
            ("::1", "::1"), ("[::1]", "::1"), ("0:0:0:0:0:0:0:1", "::1"), ("fe80::1%eth0", "fe80::1"),
            ("::ffff:127.0.0.2", "::ffff:127.0.0.2"), ("::ffff:7f00:2", "::ffff:127.0.0.2"),
            ("2001:DB8:0:0:1:0:0:1", "2001:db8::1:0:0:1"), ("fd00:ec2::254", "fd00:ec2::254"), ("::", "::"),
        ])
    func ipv6(text: String, canonical: String) {
        #expect(IPAddress(text)?.description == canonical)
    }

    @Test(
        "names and malformed addresses are no address",
        arguments: [
            "api.example.com", "localhost", "", "1.2.3.4.5", "256.0.0.1", "4294967296", "0x1ffffffff", "1.2.3.08",
            ":::", "1::2::3", "12345::", "::ffff:1.2.3", "1:2:3:4:5:6:7:8:9", "g::1",
        ])
    func notAddresses(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test("IPv4-mapped, IPv4-compatible and NAT64 addresses carry their IPv4 address")
    func embedded() {
        #expect(IPAddress("::ffff:127.0.0.2")?.embeddedIPv4 == 0x7F00_0002)
        #expect(IPAddress("::10.0.0.1")?.embeddedIPv4 == 0x0A00_0001)
        #expect(IPAddress("64:ff9b::169.254.169.254")?.embeddedIPv4 == 0xA9FE_A9FE)
        #expect(IPAddress("::1")?.embeddedIPv4 == nil)
        #expect(IPAddress("2001:db8::1")?.embeddedIPv4 == nil)
    }
}

@Suite("Which addresses hosted mode refuses")
struct AddressCategoryTests {
    @Test(
        "non-public addresses are named by what they are",
        arguments: [
            ("127.0.0.1", AddressCategory.loopback), ("2130706433", .loopback), ("::1", .loopback),
            ("::ffff:127.0.0.2", .loopback), ("10.1.2.3", .privateNetwork), ("172.16.0.1", .privateNetwork),
            ("172.31.255.255", .privateNetwork), ("192.168.1.1", .privateNetwork), ("fec0::1", .privateNetwork),
            ("169.254.10.1", .linkLocal), ("fe80::1", .linkLocal), ("100.64.0.1", .sharedAddressSpace),
            ("100.127.255.254", .sharedAddressSpace), ("fc00::1", .uniqueLocal), ("fd12:3456::1", .uniqueLocal),
            ("224.0.0.1", .multicast), ("ff02::1", .multicast), ("169.254.169.254", .cloudMetadata),
            ("0xa9fea9fe", .cloudMetadata), ("::ffff:169.254.169.254", .cloudMetadata),
            ("fd00:ec2::254", .cloudMetadata),
            ("100.100.100.200", .cloudMetadata), ("168.63.129.16", .cloudMetadata), ("169.254.170.2", .cloudMetadata),
            ("0.0.0.0", .unspecified), ("0", .unspecified), ("::", .unspecified), ("255.255.255.255", .broadcast),
            ("240.0.0.1", .reserved), ("192.0.2.1", .reserved), ("198.18.0.1", .reserved), ("2001:db8::1", .reserved),
            ("64:ff9b::10.0.0.1", .privateNetwork),
        ])
    func refused(text: String, category: AddressCategory) throws {
        let address = try #require(IPAddress(text))
        #expect(AddressCategory(address) == category)
    }

    @Test(
        "public addresses have no category",
        arguments: [
            "8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1", "169.253.1.1",
            "2606:4700::1111", "2a00:1450::1", "::ffff:8.8.8.8",
        ])
    func publicAddresses(text: String) throws {
        #expect(AddressCategory(try #require(IPAddress(text))) == nil)
    }
}

@Suite("The system resolver, asked only about names that never leave the machine")
struct HostResolverTests {
    @Test("an address literal resolves to itself")
    func literal() async throws {
        #expect(try await HostResolver.addresses(of: "127.0.0.2") == [IPAddress("127.0.0.2")!])
        #expect(try await HostResolver.addresses(of: "::1") == [IPAddress("::1")!])
    }

    @Test("localhost resolves to loopback addresses only, each once")
    func localhost() async throws {
        let addresses = try await HostResolver.addresses(of: "localhost")
        #expect(!addresses.isEmpty)
        #expect(addresses.allSatisfy { AddressCategory($0) == .loopback })
        #expect(Set(addresses).count == addresses.count)
    }
}
