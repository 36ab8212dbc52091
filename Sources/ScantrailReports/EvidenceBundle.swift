import Crypto
import Foundation
import ZIPFoundation

/// A signed evidence bundle: a zip of files, a `SHA256SUMS` manifest of them, `SHA256SUMS.sig`
/// (Ed25519 over the manifest's bytes) and the public key — checkable with stock tools
/// (`sha256sum -c SHA256SUMS`; `openssl pkeyutl -verify -pubin -inkey scantrail.pub.pem -rawin
/// -in SHA256SUMS -sigfile SHA256SUMS.sig`) or with ``verify(_:key:)``.
public enum EvidenceBundle {
    /// One file of the bundle.
    public struct File: Sendable {
        /// Its path inside the bundle (`scans/0001-3f2a9c1e/report.json`).
        public let path: String
        /// Its contents.
        public let data: Data

        /// A file at `path` holding `data`.
        public init(path: String, data: Data) {
            self.path = path
            self.data = data
        }
    }

    /// The manifest.
    public static let manifest = "SHA256SUMS"
    /// The manifest's signature.
    public static let signature = "SHA256SUMS.sig"
    /// The public key the signature verifies with.
    public static let publicKey = "scantrail.pub.pem"
    /// The largest file read back from a bundle (a guard against zip bombs).
    public static let maxFileBytes = 256 << 20

    /// Why a bundle could not be written or read.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong, naming the file.
        public let description: String
    }

    /// Writes `files`, the manifest, its signature by `key` and the public key to a new zip at `url`.
    ///
    /// - Throws: ``Failure`` when the zip cannot be written or a path is unsafe.
    public static func write(_ files: [File], signedWith key: SigningKey, to url: URL) throws {
        for file in files where !isSafe(file.path) || [manifest, signature, publicKey].contains(file.path) {
            throw Failure(description: "bundle path \(file.path) is not allowed")
        }
        let withKey = files + [File(path: publicKey, data: Data(key.publicKey.pem.utf8))]
        let sums = Data(
            withKey.sorted { $0.path < $1.path }.map { "\(SHA256.hash(data: $0.data).hexString)  \($0.path)\n" }
                .joined().utf8)
        let all =
            withKey + [File(path: manifest, data: sums), File(path: signature, data: try key.signature(for: sums))]
        try? FileManager.default.removeItem(at: url)
        do {
            let archive = try Archive(url: url, accessMode: .create)
            for file in all {
                try archive.addEntry(
                    with: file.path, type: .file, uncompressedSize: Int64(file.data.count), compressionMethod: .deflate
                ) { position, size in
                    file.data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
        } catch {
            throw Failure(description: "cannot write the bundle \(url.path): \(error)")
        }
    }

    /// Every file of the bundle at `url`, by path.
    ///
    /// - Throws: ``Failure`` when it is not a readable zip, or holds an unsafe path or an oversized file.
    public static func read(_ url: URL) throws -> [String: Data] {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw Failure(description: "\(url.path) is not a readable zip: \(error)")
        }
        var files: [String: Data] = [:]
        for entry in archive where entry.type == .file {
            guard isSafe(entry.path) else {
                throw Failure(description: "the bundle holds an unsafe path \(entry.path)")
            }
            guard entry.uncompressedSize <= Int64(maxFileBytes) else {
                throw Failure(description: "\(entry.path) is larger than \(maxFileBytes >> 20) MiB")
            }
            var data = Data()
            do {
                _ = try archive.extract(entry) { chunk in
                    data.append(chunk)
                    guard data.count <= maxFileBytes else { throw Failure(description: "\(entry.path) is too large") }
                }
            } catch {
                throw Failure(description: "\(entry.path) cannot be read: \(error)")
            }
            files[entry.path] = data
        }
        return files
    }

    /// Checks the bundle at `url`: the manifest's signature (with `key`, else the bundled key),
    /// and every file against the manifest — naming each altered, missing or added file.
    ///
    /// - Throws: ``Failure`` when the bundle cannot be read at all.
    public static func verify(_ url: URL, key: VerificationKey?) throws -> BundleVerification {
        verify(try read(url), key: key)
    }

    /// Checks the files of a bundle already read (``read(_:)``), as ``verify(_:key:)`` does.
    public static func verify(_ files: [String: Data], key: VerificationKey?) -> BundleVerification {
        var problems: [String] = []
        guard let sums = files[manifest] else {
            return BundleVerification(
                filesChecked: 0, keyFingerprint: nil, keyGiven: key != nil, problems: ["\(manifest) is missing"])
        }
        let bundled = files[publicKey].flatMap {
            try? VerificationKey(pem: String(decoding: $0, as: UTF8.self), source: publicKey)
        }
        let verifier = key ?? bundled
        if let key, let bundled, key != bundled {
            problems.append(
                "the bundle carries another public key (\(bundled.fingerprint.prefix(16))) than the one given")
        }
        if let verifier {
            if !verifier.isValidSignature(files[signature] ?? Data(), for: sums) {
                problems.append("\(signature) does not verify \(manifest) with key \(verifier.fingerprint.prefix(16))")
            }
        } else {
            problems.append("no public key to verify \(signature) with")
        }
        var listed: Set<String> = []
        for line in String(decoding: sums, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[1].hasPrefix(" ") else {
                problems.append("\(manifest) has a malformed line: \(line.prefix(80))")
                continue
            }
            let path = String(parts[1].dropFirst())
            listed.insert(path)
            guard let data = files[path] else {
                problems.append("missing: \(path)")
                continue
            }
            if SHA256.hash(data: data).hexString != parts[0] { problems.append("altered: \(path)") }
        }
        for path in files.keys.sorted() where !listed.contains(path) && path != manifest && path != signature {
            problems.append("added: \(path)")
        }
        return BundleVerification(
            filesChecked: listed.count, keyFingerprint: verifier?.fingerprint, keyGiven: key != nil, problems: problems)
    }

    /// The public key a bundle carries, when it reads.
    public static func bundledKey(_ files: [String: Data]) -> VerificationKey? {
        files[publicKey].flatMap { try? VerificationKey(pem: String(decoding: $0, as: UTF8.self), source: publicKey) }
    }

    /// Relative, no `..`, no absolute or backslash paths: nothing that escapes an extraction folder.
    static func isSafe(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.contains("\\")
            && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0.isEmpty }
    }
}

/// What checking a bundle found.
public struct BundleVerification: Sendable, Codable, Hashable {
    /// Files listed in the manifest.
    public let filesChecked: Int
    /// The key the signature was checked with.
    public let keyFingerprint: String?
    /// Whether that key was given by the verifier (else it is the bundle's own: integrity, not origin).
    public let keyGiven: Bool
    /// Every problem, each naming the file.
    public let problems: [String]

    /// Whether the bundle is intact and its signature verifies.
    public var isIntact: Bool { problems.isEmpty }
}
