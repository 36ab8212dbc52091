/// Key candidates as one buffer of lines, as ``HMACSearch`` reads them: each candidate's UTF-8
/// bytes and a line feed, cut into chunks of a number of lines.
struct KeyLines: Sendable {
    /// The lines, each ended by a line feed.
    let bytes: [UInt8]
    /// Consecutive ranges of `bytes` of `linesPerChunk` lines each (the last may hold fewer).
    let chunks: [Range<Int>]

    /// `candidates` (none holding a line break), one a line, in chunks of `linesPerChunk`.
    init(_ candidates: [String], linesPerChunk: Int) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(candidates.reduce(0) { $0 + $1.utf8.count + 1 })
        var chunks: [Range<Int>] = []
        var start = 0
        for (index, candidate) in candidates.enumerated() {
            bytes += candidate.utf8
            bytes.append(UInt8(ascii: "\n"))
            if (index + 1) % linesPerChunk == 0 || index == candidates.count - 1 {
                chunks.append(start..<bytes.count)
                start = bytes.count
            }
        }
        self.bytes = bytes
        self.chunks = chunks
    }

    /// The line that starts at `offset`.
    func line(at offset: Int) -> String {
        let end = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }
}
