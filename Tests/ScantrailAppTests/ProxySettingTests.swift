import ScantrailApp
import ScantrailCore
import Testing

@Suite("Which proxy a scan uses")
struct ProxySettingTests {
    @Test("HTTPS_PROXY serves https targets and HTTP_PROXY http ones, in either case, with NO_PROXY")
    func environment() {
        let environment = [
            "HTTPS_PROXY": "http://secure.proxy:3128", "http_proxy": "plain.proxy:8080", "no_proxy": "internal, .corp",
        ]
        let https = ProxySetting(environment: environment, scheme: "https")
        #expect(https?.url == "http://secure.proxy:3128" && https?.bypass == ["internal", ".corp"])
        #expect(ProxySetting(environment: environment, scheme: "http")?.url == "http://plain.proxy:8080")
        #expect(ProxySetting(environment: ["HTTPS_PROXY": ""], scheme: "https") == nil)
        #expect(ProxySetting(environment: [:], scheme: "http") == nil)
    }

    @Test("a proxy from the environment leaves loopback direct; one given explicitly does not")
    func loopback() throws {
        var settings = ScanSettings()
        settings.proxy = ProxySetting(environment: ["HTTP_PROXY": "http://proxy.corp:3128"], scheme: "http")
        let fromEnvironment = try #require(settings.configuration().proxy)
        #expect(!fromEnvironment.applies(to: "127.0.0.1") && fromEnvironment.applies(to: "api.example.com"))
        settings.proxy = ProxySetting(url: "http://proxy.corp:3128")
        #expect(try #require(settings.configuration().proxy).applies(to: "127.0.0.1"))
    }

    @Test("a proxy URL that is not http://host:port is refused, naming the setting")
    func refused() {
        var settings = ScanSettings()
        settings.proxy = ProxySetting(url: "socks5://proxy.corp:1080")
        #expect(appError { try settings.validate() }?.setting == .proxy)
    }
}
