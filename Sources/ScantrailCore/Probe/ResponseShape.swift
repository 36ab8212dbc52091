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
    /// SHA-256 (16 hex digits) of the normalised body.
    public let bodyDigest: String
    /// Body length in bytes.
    public let length: Int

    /// The shape of `response` to a request for `path`.
    public init(_ response: HTTPExchange.Response, requestedPath path: String) {
        self.status = response.status
        self.mediaType = response.mediaType
        self.location = response.headers.first("Location").map { Self.blank($0, path: path) }
        let text = Self.blank(
            String(decoding: response.body.prefix(HTTPExchange.bodyExcerptLimit), as: UTF8.self), path: path)
        self.bodyDigest = SHA256.hash(data: Data(text.utf8)).prefix(8).hexString
        self.length = response.bodyLength
    }

    /// `text` with the path (and its last segment) replaced, digits collapsed and hex runs blanked.
    static func blank(_ text: String, path: String) -> String {
        var text = text.lowercased()
        let lowered = path.lowercased()
        let lastSegment = lowered.split(separator: "/").last.map(String.init) ?? lowered
        for token in [
            lowered, lowered.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? lowered, lastSegment,
        ]
        where token.count > 1 {
            text = text.replacingOccurrences(of: token, with: "{path}")
        }
        text = text.replacingOccurrences(of: #"[0-9a-f]{8,}"#, with: "{hex}", options: .regularExpression)
        return text.replacingOccurrences(of: #"[0-9]+"#, with: "0", options: .regularExpression)
    }

    /// Whether this probe response looks like `baseline`: same status, media type and redirect,
    /// and the same normalised body — or, when the baseline's own samples differed (a page with
    /// changing content), a length within 10 %.
    func matches(_ baseline: SoftNotFoundBaseline.Sample) -> Bool {
        guard status == baseline.shape.status, mediaType == baseline.shape.mediaType,
            location == baseline.shape.location
        else { return false }
        if bodyDigest == baseline.shape.bodyDigest { return true }
        guard baseline.isDynamic else { return false }
        let reference = max(baseline.shape.length, 1)
        return abs(length - baseline.shape.length) * 10 <= reference
    }
}
