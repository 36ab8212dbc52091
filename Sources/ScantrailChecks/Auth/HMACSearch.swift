import CScantrailKeys

/// One token's HMAC signature tried against candidates in C (BoringSSL's one-shot HMAC, nothing
/// allocated per candidate), a chunk at a time, so that a cancelled task stops within
/// milliseconds (the search then ends without an answer, which its caller must not take for
/// "no key") and other tasks get the thread between chunks: a search of seconds must not stall
/// the scan's I/O, nor a server in the same process.
struct HMACSearch: Sendable {
    private let bits: Int32
    private let input: [UInt8]
    private let mac: [UInt8]

    /// Candidates, or numbers, tried between two looks at cancellation.
    static let chunk = 20_000

    /// A search for `token`'s key; `nil` when it is not HMAC-signed.
    init?(_ token: JSONWebToken) {
        guard let signature = token.hmacSignature else { return nil }
        (bits, input, mac) = (Int32(signature.bits), signature.input, signature.mac)
    }

    /// The first of `lines` (keys one a line, no line empty) that signs the token.
    func first(in lines: KeyLines) async -> String? {
        for range in lines.chunks {
            await Task.yield()
            guard !Task.isCancelled else { return nil }
            let found = lines.bytes[range].withUnsafeBufferPointer { keys in
                keys.withMemoryRebound(to: CChar.self) { keys in
                    scantrail_hmac_find_line(bits, input, input.count, mac, keys.baseAddress, keys.count)
                }
            }
            if found >= 0 { return lines.line(at: range.lowerBound + found) }
        }
        return nil
    }

    /// The first of `numbers` that signs the token.
    func first(in numbers: NumberKeys) async -> String? {
        for width in numbers.widths {
            let end = NumberKeys.power(of: width)
            for from in stride(from: 0, to: end, by: Self.chunk) {
                await Task.yield()
                guard !Task.isCancelled else { return nil }
                let to = min(end, from + Self.chunk)
                let found = scantrail_hmac_find_number(bits, input, input.count, mac, Int32(width), from, to)
                if found >= 0 { return NumberKeys.text(of: found, width: width) }
            }
        }
        return nil
    }
}
