import Foundation
import ScantrailCore
import Testing

@testable import ScantrailChecks

@Suite("The JWT key dictionary: defaults first, then the service's names, patterns and word lists")
struct JWTKeyDictionaryTests {
    @Test("sources are kept in order and count only what they add; duplicates and blanks are dropped")
    func sources() {
        let dictionary = JWTKeyDictionary(
            serviceNames: ["api.shop.test"], wordLists: [(name: "team.txt", words: ["secret", "", "orchid", "orchid"])])
        #expect(dictionary.sources.map(\.name) == ["built-in defaults", "service names", "patterns", "team.txt"])
        #expect(dictionary.sources.last?.count == 1, "secret is a built-in; orchid counts once")
        #expect(Set(dictionary.candidates).count == dictionary.candidates.count)
        #expect(dictionary.candidates.first == WeakSecrets.all.first)
        #expect(dictionary.source(of: "orchid") == "team.txt")
        #expect(dictionary.source(of: "shop-jwt-secret") == "service names")
        #expect(dictionary.source(of: "0042") == "patterns")
    }

    @Test("a service's names give its keys: host labels and title words, joined, cased and suffixed")
    func serviceNames() {
        let words = Set(JWTKeyDictionary.variations(of: ["api.shop.test", "Shop Orders API"]))
        for key in [
            "shop", "Shop_secret", "SHOP", "shopordersapi", "shop-orders-api-jwt", "orders_key", "api.shop.test",
        ] {
            #expect(words.contains(key), "\(key)")
        }
        #expect(!words.contains("127"), "address labels are numbers, which patterns cover")
    }

    @Test("patterns hold every number of up to four digits, repeated digits and keyboard walks")
    func patterns() {
        let patterns = Set(JWTKeyDictionary.patterns)
        for key in ["0", "007", "2026", "9999", "00000000", "qwerty", "Qwerty", "qwerty123", "1q2w3e4r", "asdf!"] {
            #expect(patterns.contains(key), "\(key)")
        }
        #expect(!patterns.contains("12345") || patterns.contains("1234567890"))
    }

    @Test("a token signed with a word-list word is found and told by its source; a random key is not")
    func recovers() async throws {
        let dictionary = JWTKeyDictionary(wordLists: [
            (name: "words", words: JWTKeyDictionary.words(in: "aardvark\n zucchini \n\n"))
        ])
        let weak = try #require(JSONWebToken(JSONWebTokenTests.signed(JSONWebTokenTests.claims, secret: "zucchini")))
        #expect(await dictionary.key(of: weak) == "zucchini")
        async let first = dictionary.key(of: weak)
        async let second = dictionary.key(of: weak)
        #expect(await [first, second] == ["zucchini", "zucchini"], "remembered, and the same for two askers at once")
        let strong = try #require(
            JSONWebToken(JSONWebTokenTests.signed(JSONWebTokenTests.claims, secret: "k8Jz-Qm2v-Lp9x-Rt4w-Nc7b")))
        #expect(await dictionary.key(of: strong) == nil)
    }

    @Test("the standard dictionary reads the installed system word list: over 100,000 candidates")
    func standard() throws {
        let dictionary = JWTKeyDictionary.standard(serviceNames: ["127.0.0.1"])
        let system = try #require(dictionary.sources.first { $0.name == JWTKeyDictionary.systemWordList })
        #expect(system.count > 90_000)
        #expect(dictionary.candidates.count >= 100_000)
    }
}
