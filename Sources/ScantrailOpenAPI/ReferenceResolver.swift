import Foundation
import ScantrailCore

/// Follows `$ref`s, within a document (`#/components/schemas/User`) and into files or URLs
/// beside it (`common.yaml#/components/parameters/Id`), loading each other document once. A
/// reference that leads back to itself is reported, never followed forever.
final class ReferenceResolver {
    /// A value and where it was found.
    struct Located {
        /// The value, with no `$ref` at its top.
        let value: JSONValue
        /// The document holding it (its path or URL).
        let document: String
        /// The JSON pointer to it in that document (`#/paths/~1users`).
        let pointer: String

        /// A location inside this value.
        func child(_ key: String) -> String { pointer + "/" + ReferenceResolver.escape(key) }
    }

    /// Why a reference could not be followed.
    struct Failure: Error {
        let message: String
    }

    private var documents: [String: JSONValue]
    private let load: (String) async throws -> Data

    /// A resolver over the root document `root`, named `name`; `load` fetches other documents
    /// by their absolute path or URL.
    init(root: JSONValue, name: String, load: @escaping (String) async throws -> Data) {
        documents = [name: root]
        self.load = load
    }

    /// `value` itself, or what its `$ref` chain leads to.
    func resolve(_ value: JSONValue, in document: String, at pointer: String) async throws(Failure) -> Located {
        var current = Located(value: value, document: document, pointer: pointer)
        var seen: Set<String> = []
        while case .object(let fields) = current.value, case .string(let reference)? = fields["$ref"] {
            let here = current.document + current.pointer
            guard seen.insert(here).inserted, seen.count <= 64 else {
                throw Failure(message: "the $ref chain through \(reference) loops back on itself")
            }
            current = try await follow(reference, from: current.document)
        }
        return current
    }

    /// The target of one reference.
    private func follow(_ reference: String, from document: String) async throws(Failure) -> Located {
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let file = String(parts[0])
        let fragment = parts.count > 1 ? String(parts[1]) : ""
        let target = file.isEmpty ? document : Self.absolute(file, relativeTo: document)
        let root: JSONValue
        if let cached = documents[target] {
            root = cached
        } else {
            do {
                root = try SpecificationText.parse(try await load(target), source: target)
            } catch {
                throw Failure(message: "cannot load \(file): \(error)")
            }
            documents[target] = root
        }
        var value = root
        let tokens = fragment.split(separator: "/", omittingEmptySubsequences: true).map(Self.unescape)
        for token in tokens {
            switch value {
            case .object(let fields) where fields[token] != nil: value = fields[token]!
            case .array(let items) where Int(token).map(items.indices.contains) == true: value = items[Int(token)!]
            default: throw Failure(message: "\(reference) points at nothing")
            }
        }
        return Located(value: value, document: target, pointer: "#" + fragment)
    }

    /// `file` resolved against the document that names it (a path or an http(s) URL).
    static func absolute(_ file: String, relativeTo document: String) -> String {
        if let base = URL(string: document), base.scheme == "http" || base.scheme == "https" {
            return URL(string: file, relativeTo: base)?.absoluteString ?? file
        }
        if file.hasPrefix("/") { return file }
        let directory = URL(fileURLWithPath: document).deletingLastPathComponent()
        return directory.appendingPathComponent(file).standardizedFileURL.path
    }

    /// A JSON pointer token for `key` (`/` as `~1`, `~` as `~0`).
    static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    private static func unescape(_ token: Substring) -> String {
        let decoded = String(token).removingPercentEncoding ?? String(token)
        return decoded.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }
}
