// Offline JWT key guessing: how long the default dictionary (built-in defaults, service names,
// patterns, the built-in public JWT secrets and English words, dates, then every number of five
// and six digits) takes to put together, and how many candidates per second one core tries against
// a token whose key is not among them (the whole dictionary is walked). Each round uses a fresh
// dictionary, since a dictionary remembers the tokens it tried.
//   swift run -c release jwt-benchmark [ROUNDS]   (default 5)
import Crypto
import Foundation
import ScantrailChecks

let rounds = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 5

func base64URL(_ bytes: some Sequence<UInt8>) -> String {
    Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
        .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
}

/// An HS256 token with typical claims, signed with a random 256-bit key.
func strongToken() -> String {
    let claims = #"{"sub":"3f9a61c2-5b1e-4c7a-9d3e-2a8f0b6c4e11","role":"user","iat":1790000000,"exp":1790003600}"#
    let input = base64URL(#"{"alg":"HS256","typ":"JWT"}"#.utf8) + "." + base64URL(claims.utf8)
    let mac = HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: SymmetricKey(size: .bits256))
    return input + "." + base64URL(mac)
}

func seconds(_ elapsed: Duration) -> Double {
    Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

var loads: [Double] = []
var walks: [Double] = []
var size = 0
var summary = ""
for _ in 0..<rounds {
    let loading = ContinuousClock.now
    let dictionary = JWTKeyDictionary(serviceNames: ["api.wallet.test", "Wallet API"])
    size = dictionary.count
    loads.append(seconds(ContinuousClock.now - loading))
    summary = dictionary.sources.map { "\($0.name) \($0.count)" }.joined(separator: ", ")
    let token = strongToken()
    let start = ContinuousClock.now
    let guessed = try await dictionary.key(signing: token)
    precondition(guessed == nil, "a random key was guessed")
    walks.append(seconds(ContinuousClock.now - start))
}
let median = { (values: [Double]) in values.sorted()[values.count / 2] }
print("| candidates | load (median) | walk, HS256 (median) | candidates/s (median) | best |")
print("|---|---|---|---|---|")
print(
    String(
        format: "| %d | %.0f ms | %.0f ms | %.0f | %.0f |", size, median(loads) * 1000, median(walks) * 1000,
        Double(size) / median(walks), Double(size) / walks.min()!))
print("\nsources: \(summary); \(rounds) rounds, one thread")
