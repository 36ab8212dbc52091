import Foundation
import ScantrailCore
import Testing

@testable import ScantrailChecks

@Suite("The JWT key dictionary: defaults first, then the service's names, patterns and word lists")
struct JWTKeyDictionaryTests {
    @Test("sources are kept in order and count only what they add; duplicates and blanks are dropped")
    func sources() {
        let dictionary = JWTKeyDictionary(
            serviceNames: ["api.shop.test"],
            wordLists: [(name: "team.txt", words: ["secret", "", "orchid-quokka-77", "orchid-quokka-77"])])
        #expect(
            dictionary.sources.map(\.name) == [
                "built-in defaults", "service names", "patterns", "public JWT secrets", "English words", "dates",
                "team.txt", "numbers of 5 to 6 digits",
            ])
        #expect(dictionary.sources[6].count == 1, "secret is a built-in; the other counts once")
        #expect(dictionary.sources.last?.count == 1_100_000)
        let listed = dictionary.listed.candidates
        #expect(Set(listed).count == listed.count)
        #expect(listed.first == WeakSecrets.all.first)
        #expect(dictionary.count == listed.count + 1_100_000)
        #expect(dictionary.source(of: "orchid-quokka-77") == "team.txt")
        #expect(dictionary.source(of: "shop-jwt-secret") == "service names")
        #expect(dictionary.source(of: "0042") == "patterns")
        #expect(dictionary.source(of: "2031-04-12") == "dates")
        #expect(dictionary.source(of: "048213") == "numbers of 5 to 6 digits")
        #expect(dictionary.source(of: "zebra") == "English words")
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

    @Test("a token signed with a word-list word, a public secret, a date or a six-digit number is found")
    func recovers() async throws {
        let dictionary = JWTKeyDictionary(wordLists: [
            (name: "words", words: JWTKeyDictionary.words(in: "aardvark\n orchid-quokka-77 \n\n"))
        ])
        for key in ["orchid-quokka-77", ShippedKeyLists.jwtSecrets[50_000], "31121999", "048213"] {
            let token = try #require(JSONWebToken(JSONWebTokenTests.signed(JSONWebTokenTests.claims, secret: key)))
            #expect(try await dictionary.key(of: token) == key)
        }
        let weak = try #require(
            JSONWebToken(JSONWebTokenTests.signed(JSONWebTokenTests.claims, secret: "orchid-quokka-77")))
        async let first = dictionary.key(of: weak)
        async let second = dictionary.key(of: weak)
        #expect(try await [first, second] == ["orchid-quokka-77", "orchid-quokka-77"], "remembered, and shared")
    }

    @Test("a random key is none of them; a walk cancelled is never taken for 'no key', and can be walked again")
    func strongAndCancelled() async throws {
        let dictionary = JWTKeyDictionary()
        let strong = try #require(
            JSONWebToken(JSONWebTokenTests.signed(JSONWebTokenTests.claims, secret: "k8Jz-Qm2v-Lp9x-Rt4w-Nc7b")))
        let cancelled = Task { try await dictionary.key(of: strong) }
        cancelled.cancel()
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        #expect(try await dictionary.key(of: strong) == nil)
    }

    @Test("the default dictionary is the same on every machine: no system word list is read")
    func sameEverywhere() {
        let dictionary = JWTKeyDictionary(serviceNames: ["127.0.0.1"])
        #expect(!dictionary.sources.contains { $0.name.hasPrefix("/") })
        #expect(dictionary.count > 1_400_000)
    }
}

@Suite("The key lists built into the binary")
struct ShippedKeyListsTests {
    @Test("candidates become one buffer of lines in chunks of whole lines, each line read back at its offset")
    func keyLines() {
        let lines = KeyLines(["alpha", "bé", "c", "delta", "e"], linesPerChunk: 2)
        #expect(String(decoding: lines.bytes, as: UTF8.self) == "alpha\nbé\nc\ndelta\ne\n")
        #expect(lines.chunks == [0..<10, 10..<18, 18..<20])
        #expect(lines.chunks.map { lines.line(at: $0.lowerBound) } == ["alpha", "c", "e"])
        #expect(KeyLines([], linesPerChunk: 2).chunks.isEmpty)
    }

    @Test("numbers of some widths are counted, recognised and written with their leading zeros")
    func numberKeys() {
        let numbers = NumberKeys(widths: 5...6)
        #expect(numbers.count == 1_100_000 && numbers.name == "numbers of 5 to 6 digits")
        #expect(numbers.contains("00042") && numbers.contains("999999"))
        #expect(!numbers.contains("0042") && !numbers.contains("1234567") && !numbers.contains("12a45"))
        #expect(NumberKeys.text(of: 42, width: 6) == "000042")
    }

    @Test("the public JWT secrets and the English words are all there, in order, without line ends")
    func lists() {
        #expect(ShippedKeyLists.jwtSecrets.count == 103_978 && Set(ShippedKeyLists.jwtSecrets).count == 103_781)
        #expect(ShippedKeyLists.jwtSecrets.first == "!)&@%&*$E^$")
        #expect(ShippedKeyLists.englishWords.count > 100_000)
        #expect(ShippedKeyLists.englishWords.contains("password") && ShippedKeyLists.englishWords.contains("zebra"))
        #expect(!ShippedKeyLists.jwtSecrets.contains { $0.contains("\r") || $0.contains("\n") })
    }
}
