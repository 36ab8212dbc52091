import ScantrailApp
import ScantrailCore
import Testing

@Suite("Scan settings")
struct ScanSettingsTests {
    /// `settings` with a value of `setting` that no scan can run with.
    private static func breaking(_ setting: Setting, of settings: ScanSettings = ScanSettings()) -> ScanSettings {
        var settings = settings
        switch setting {
        case .budget: settings.budget = 0
        case .timeout: settings.timeoutSeconds = 0
        case .deadline: settings.deadlineSeconds = -1
        case .maxConnections: settings.maxConnections = 65
        case .httpPort: settings.cleartextPort = 70_000
        case .header: settings.headers = ["no-colon"]
        case .check: settings.checks = ["nope"]
        case .burst: settings.burst = 101
        case .maxTokenLifetime: settings.maxTokenLifetimeHours = 0
        case .expiryWarningDays: settings.certificates.expiryWarningDays = -1
        case .caFile: settings.certificates.caFile = "/nonexistent/ca.pem"
        case .allowHost: settings.allowedHosts = ["evil.example/path"]
        case .proxy: settings.proxy = ProxySetting(url: "socks5://127.0.0.1:1080")
        case .allowTarget: settings.exemptAddresses = ["10.0.0.0/33"]
        case .jwtWordlist: settings.jwtWordlists = ["/nonexistent/words.txt"]
        case .exclude: settings.exclusions = ["seed"]
        case .callbackURL: settings.callbackURL = "ftp://203.0.113.7/"
        case .callbackListen: settings.callbackListen = "203.0.113.7:port"
        case .identity, .baseline, .expires, .output: break
        }
        return settings
    }

    @Test(
        "values no scan can run with are refused, naming the setting",
        arguments: Setting.allCases.filter { ![.identity, .baseline, .expires, .output].contains($0) })
    func refused(setting: Setting) {
        let settings = Self.breaking(setting)
        #expect(appError { try settings.validate() }?.setting == setting)
    }

    @Test("--allow-target takes addresses, blocks and host names")
    func allowTargets() throws {
        var settings = ScanSettings()
        settings.exemptAddresses = ["127.0.0.1", "10.0.0.0/8", "fd00::/8", "api.internal", "localhost"]
        try settings.validate()
        for bad in ["10.0.0.0/33", "api internal", "-bad.example", "10.0.0.999"] {
            settings.exemptAddresses = [bad]
            #expect(appError { try settings.validate() }?.setting == .allowTarget, "\(bad)")
        }
    }

    @Test("--callback-url takes an http(s) URL with a host; --callback-listen takes [host:]port")
    func callbacks() throws {
        var settings = ScanSettings()
        settings.callbackURL = "https://scan.example.com/hooks"
        settings.callbackListen = "8081"
        try settings.validate()
        settings.callbackListen = "[::1]:8081"
        try settings.validate()
        for bad in ["203.0.113.7:8081", "http://", "http://user:pw@203.0.113.7/", "file:///etc/passwd"] {
            settings.callbackURL = bad
            #expect(appError { try settings.validate() }?.setting == .callbackURL, "\(bad)")
        }
        settings.callbackURL = nil
        for bad in ["70000", ":8081", "host:", "eighty"] {
            settings.callbackListen = bad
            #expect(appError { try settings.validate() }?.setting == .callbackListen, "\(bad)")
        }
    }

    @Test("the defaults are valid")
    func defaults() throws {
        try ScanSettings().validate()
    }

    @Test("the default budget grows by 30 requests per documented operation; a budget given is kept as given")
    func budget() {
        var settings = ScanSettings()
        #expect(settings.configuration().limits.requestBudget == 1000)
        #expect(settings.configuration(documentedOperations: 50).limits.requestBudget == 2500)
        settings.budget = 300
        #expect(settings.configuration(documentedOperations: 50).limits.requestBudget == 300)
    }

    @Test("the settings become the engine's configuration")
    func configuration() {
        var settings = ScanSettings()
        settings.headers = ["X-Trace: 1"]
        settings.checks = ["cors.policy"]
        settings.timeoutSeconds = 2
        settings.active = true
        let configuration = settings.configuration()
        #expect(configuration.headers == [HeaderField(name: "X-Trace", value: "1")])
        #expect(configuration.enabledChecks == ["cors.policy"])
        #expect(configuration.limits.requestTimeoutSeconds == 2 && configuration.limits.readTimeoutSeconds == 2)
        #expect(configuration.active)
    }
}
