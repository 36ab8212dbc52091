import Crypto
import Foundation

/// What a response looks like with everything request-specific taken out: status, media type,
/// redirect target and body with the requested path, numbers and long hex runs blanked. Two
/// answers of a catch-all server to different paths have the same shape.
public struct ResponseShape: Hashable, Codable, Sendable {
    /// Status code.
    public let status: Int
    /// Media type, lower-cased, without parameters.
    public let mediaType: String?
    /// The redirect target with the requested path blanked.
    public let location: String?
    /// SHA-256 (16 hex digits) of the normalised body, once for each way a page may hold the
    /// requested path: with the path and its last segment blanked (a page that echoes either),
    /// with the path alone blanked (a page that echoes it and happens to contain its last
    /// segment's word: "Orders" at `/api/orders`, "me" in `<meta>`), and with nothing blanked
    /// (a page that never echoes it).
    public let bodyDigests: [String]
    /// Body length in bytes.
    public let length: Int

    /// The digest with the most blanked, which two answers of a page that varies by itself differ in.
    public var bodyDigest: String { bodyDigests[0] }

    /// The shape of `response` to a request for `path`.
    public init(_ response: HTTPExchange.Response, requestedPath path: String) {
        self.status = response.status
        self.mediaType = response.mediaType
        self.location = response.headers.first("Location").map { Self.blank($0, path: path) }
        let body = String(decoding: response.body.prefix(HTTPExchange.bodyExcerptLimit), as: UTF8.self)
        self.bodyDigests = [
            Self.blank(body, path: path), Self.blank(body, path: path, lastSegment: false),
            Self.blank(body, path: nil),
        ].map { SHA256.hash(data: Data($0.utf8)).prefix(8).hexString }
        self.length = response.bodyLength
    }

    /// `text` with the path (and, with `lastSegment`, its last segment) replaced, digits
    /// collapsed and hex runs blanked.
    static func blank(_ text: String, path: String?, lastSegment: Bool = true) -> String {
        var text = text.lowercased()
        if let path {
            let lowered = path.lowercased()
            var tokens = [lowered, lowered.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? lowered]
            if lastSegment { tokens.append(lowered.split(separator: "/").last.map(String.init) ?? lowered) }
            for token in tokens where token.count > 1 {
                text = text.replacingOccurrences(of: token, with: "{path}")
            }
        }
        text = text.replacingOccurrences(of: #"[0-9a-f]{8,}"#, with: "{hex}", options: .regularExpression)
        return text.replacingOccurrences(of: #"[0-9]+"#, with: "0", options: .regularExpression)
    }

    /// Whether this probe response looks like `baseline`: same status, media type and redirect,
    /// and the same normalised body however the path was blanked — or, when the baseline's own samples differed (a page with
    /// changing content), a length within 10 %.
    func matches(_ baseline: SoftNotFoundBaseline.Sample) -> Bool {
        guard status == baseline.shape.status, mediaType == baseline.shape.mediaType,
            location == baseline.shape.location
        else { return false }
        if zip(bodyDigests, baseline.shape.bodyDigests).contains(where: ==) { return true }
        guard baseline.isDynamic else { return false }
        let reference = max(baseline.shape.length, 1)
        return abs(length - baseline.shape.length) * 10 <= reference
    }
}
