import Foundation
import Hummingbird
import NIOCore

/// A submitted form, `application/x-www-form-urlencoded` or `multipart/form-data` (with files).
/// Reading one never fails on what a client sends: a malformed part or escape is kept as sent
/// or left out, and the body is read up to a limit.
struct Form: Sendable {
    private var fields: [String: [String]] = [:]
    /// Uploaded files by field name: the file's name and contents.
    private(set) var files: [String: (name: String, data: Data)] = [:]

    /// No fields.
    init() {}

    /// Reads `request`'s body (up to `limit` bytes) as the form its `Content-Type` says.
    ///
    /// - Throws: ``ServerError`` 413 past `limit`, 400 for a body that stops short.
    init(_ request: Request, limit: Int = WebServer.maxBodyBytes) async throws(ServerError) {
        let body = Data(buffer: try await request.body(upTo: limit))
        let type = request.headers[.contentType] ?? ""
        if let boundary = Self.boundary(type) {
            self.init(multipart: body, boundary: boundary)
        } else {
            self.init(encoded: String(decoding: body, as: UTF8.self))
        }
    }

    /// Reads `name=value&…`, `+` as a space, percent escapes decoded; a malformed escape keeps
    /// its field's text as sent.
    init(encoded text: String) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            fields[decoded(parts[0]), default: []].append(parts.count > 1 ? decoded(parts[1]) : "")
        }
    }

    /// Reads a `multipart/form-data` body (RFC 7578): each part between `--boundary` lines, its
    /// headers, a blank line, its content. A part without a name is left out; one with a
    /// `filename` is a file.
    init(multipart body: Data, boundary: String) {
        let delimiter = Data("--\(boundary)".utf8)
        let blank = Data("\r\n\r\n".utf8)
        var position = body.startIndex
        guard let first = body.range(of: delimiter, in: position..<body.endIndex) else { return }
        position = first.upperBound
        while let next = body.range(of: Data("\r\n".utf8) + delimiter, in: position..<body.endIndex) {
            let part = body[position..<next.lowerBound]
            position = next.upperBound
            guard let split = part.range(of: blank) else { continue }
            let headers = String(decoding: part[part.startIndex..<split.lowerBound], as: UTF8.self)
            let content = Data(part[split.upperBound...])
            guard let disposition = Self.disposition(headers), let name = disposition["name"] else { continue }
            if let file = disposition["filename"] {
                files[name] = (file, content)
            } else {
                fields[name, default: []].append(String(decoding: content, as: UTF8.self))
            }
        }
    }

    /// The field's first value.
    subscript(_ name: String) -> String? { fields[name]?.first }

    /// Every value of a repeated field (checkboxes).
    func values(_ name: String) -> [String] { fields[name] ?? [] }

    /// Whether `request` says it carries `multipart/form-data` (a file upload).
    static func isMultipart(_ request: Request) -> Bool {
        boundary(request.headers[.contentType] ?? "") != nil
    }

    /// The boundary of a `multipart/form-data` content type.
    private static func boundary(_ contentType: String) -> String? {
        let parameters = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parameters.first?.lowercased() == "multipart/form-data" else { return nil }
        return parameters.dropFirst().first { $0.lowercased().hasPrefix("boundary=") }
            .map { String($0.dropFirst("boundary=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            .flatMap { (1...70).contains($0.count) ? $0 : nil }
    }

    /// The parameters of a part's `Content-Disposition: form-data; name="…"; filename="…"`.
    private static func disposition(_ headers: String) -> [String: String]? {
        guard
            let line = headers.split(separator: "\r\n").first(where: {
                $0.lowercased().hasPrefix("content-disposition:")
            })
        else { return nil }
        var parameters: [String: String] = [:]
        for item in line.dropFirst("content-disposition:".count).split(separator: ";").dropFirst() {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let key = pair[0].trimmingCharacters(in: .whitespaces).lowercased()
            parameters[key] = pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(
                in: CharacterSet(charactersIn: "\""))
        }
        return parameters
    }
}
