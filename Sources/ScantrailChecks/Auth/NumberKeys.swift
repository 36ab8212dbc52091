/// Every number of some widths, leading zeros included (`00000` … `999999`), as key candidates
/// written only when they are tried (``HMACSearch``): a million and more strings cost nothing to
/// hold.
struct NumberKeys: Sendable {
    /// The widths, in digits, shortest first.
    let widths: ClosedRange<Int>

    /// How a source of these numbers is named in evidence.
    var name: String { "numbers of \(widths.lowerBound) to \(widths.upperBound) digits" }

    /// How many there are.
    var count: Int { widths.reduce(0) { $0 + Self.power(of: $1) } }

    /// Whether `key` is one of them.
    func contains(_ key: String) -> Bool {
        widths.contains(key.count) && key.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// `number` with `width` digits.
    static func text(of number: Int, width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// 10 to the `width`.
    static func power(of width: Int) -> Int { (0..<width).reduce(1) { result, _ in result * 10 } }
}
