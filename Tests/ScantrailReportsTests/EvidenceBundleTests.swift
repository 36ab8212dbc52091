import Crypto
import Foundation
import ScantrailTestSupport
import Testing
import ZIPFoundation

@testable import ScantrailReports

@Suite("Signed evidence bundles, checked with stock tools and by Scantrail, tampered every way")
struct EvidenceBundleTests {
    static let files = [
        EvidenceBundle.File(path: "scans/0001-abcd1234/report.json", data: Data(#"{"schemaVersion":"1.1"}"#.utf8)),
        EvidenceBundle.File(path: "findings.json", data: Data("[]".utf8)),
        EvidenceBundle.File(path: "VERIFY.txt", data: Data("check me\n".utf8)),
    ]

    /// A fresh folder, removed afterwards.
    func withFolder<Result>(_ body: (URL) async throws -> Result) async throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bundle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await body(folder)
    }

    /// Rewrites the zip at `url` with `change` applied to its files.
    func tamper(_ url: URL, _ change: (inout [String: Data]) -> Void) throws {
        var files = try EvidenceBundle.read(url)
        change(&files)
        try FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in files {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    @Test("keys round-trip through PEM, and OpenSSL reads ours and derives the same public key")
    func keys() async throws {
        let key = SigningKey.generate()
        let again = try SigningKey(pem: key.pem, source: "test")
        #expect(again.publicKey == key.publicKey && again.keyID == key.publicKey.fingerprint)
        #expect(try VerificationKey(pem: key.publicKey.pem, source: "test") == key.publicKey)
        #expect(throws: SigningKeyError.self) { try SigningKey(pem: key.publicKey.pem, source: "public.pem") }
        #expect(throws: SigningKeyError.self) {
            try VerificationKey(pem: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", source: "x")
        }
        try await withFolder { folder in
            let path = folder.appendingPathComponent("key.pem").path
            try key.pem.write(toFile: path, atomically: true, encoding: .utf8)
            let (status, output) = try await Subprocess.run(["openssl", "pkey", "-in", path, "-pubout"])
            #expect(status == 0 && output == key.publicKey.pem, "\(output)")
        }
    }

    @Test("an auditor with no Scantrail verifies the bundle with sha256sum and openssl")
    func stockTools() async throws {
        let key = SigningKey.generate()
        try await withFolder { folder in
            let bundle = folder.appendingPathComponent("bundle.zip")
            try EvidenceBundle.write(Self.files, signedWith: key, to: bundle)
            let out = folder.appendingPathComponent("out")
            let unzip = try await Subprocess.run(["python3", "-m", "zipfile", "-e", bundle.path, out.path])
            #expect(unzip.status == 0, "\(unzip.output)")
            let sums = try await Subprocess.run(["sh", "-c", "cd '\(out.path)' && sha256sum -c SHA256SUMS"])
            #expect(sums.status == 0 && sums.output.components(separatedBy: ": OK").count == 5, "\(sums.output)")
            let signature = try await Subprocess.run([
                "sh", "-c",
                "cd '\(out.path)' && openssl pkeyutl -verify -pubin -inkey scantrail.pub.pem -rawin -in SHA256SUMS -sigfile SHA256SUMS.sig",
            ])
            #expect(
                signature.status == 0 && signature.output.contains("Signature Verified Successfully"),
                "\(signature.output)")
            let report = try EvidenceBundle.verify(bundle, key: key.publicKey)
            #expect(report.isIntact && report.filesChecked == 4 && report.keyGiven, "\(report.problems)")
        }
    }

    @Test("an edited, a deleted and an added file are each named; stock sha256sum fails too")
    func tampered() async throws {
        let key = SigningKey.generate()
        try await withFolder { folder in
            let bundle = folder.appendingPathComponent("bundle.zip")
            try EvidenceBundle.write(Self.files, signedWith: key, to: bundle)
            try tamper(bundle) { files in
                files["findings.json"] = Data(#"[{"forged":true}]"#.utf8)
                files["VERIFY.txt"] = nil
                files["extra.txt"] = Data("slipped in".utf8)
            }
            let report = try EvidenceBundle.verify(bundle, key: key.publicKey)
            #expect(report.problems.sorted() == ["added: extra.txt", "altered: findings.json", "missing: VERIFY.txt"])
            let out = folder.appendingPathComponent("out")
            _ = try await Subprocess.run(["python3", "-m", "zipfile", "-e", bundle.path, out.path])
            let sums = try await Subprocess.run(["sh", "-c", "cd '\(out.path)' && sha256sum -c SHA256SUMS"])
            #expect(sums.status != 0)
        }
    }

    @Test("a manifest re-written to match, or a bundle signed by another key, fails the signature")
    func signatures() async throws {
        let key = SigningKey.generate()
        try await withFolder { folder in
            let bundle = folder.appendingPathComponent("bundle.zip")
            try EvidenceBundle.write(Self.files, signedWith: key, to: bundle)
            try tamper(bundle) { files in
                // The tamperer edits a file and fixes its line in the manifest: only the signature tells.
                let old = SHA256.hash(data: files["findings.json"]!).hexString
                files["findings.json"] = Data("[1]".utf8)
                let sums = String(decoding: files[EvidenceBundle.manifest]!, as: UTF8.self)
                    .replacingOccurrences(of: old, with: SHA256.hash(data: Data("[1]".utf8)).hexString)
                files[EvidenceBundle.manifest] = Data(sums.utf8)
            }
            let rewritten = try EvidenceBundle.verify(bundle, key: key.publicKey)
            #expect(
                rewritten.problems == ["SHA256SUMS.sig does not verify SHA256SUMS with key \(key.keyID.prefix(16))"])
            let stranger = SigningKey.generate()
            try EvidenceBundle.write(Self.files, signedWith: stranger, to: bundle)
            let report = try EvidenceBundle.verify(bundle, key: key.publicKey)
            #expect(report.problems.contains { $0.hasPrefix("the bundle carries another public key") })
            #expect(report.problems.contains { $0.hasPrefix("SHA256SUMS.sig does not verify") })
            #expect(try EvidenceBundle.verify(bundle, key: nil).isIntact, "with its own key, the bundle is intact")
        }
    }

    @Test(
        "paths that could escape an extraction folder are refused",
        arguments: ["../x", "/etc/passwd", "a/../../b", "a\\b", "a//b", ""])
    func unsafePaths(path: String) async throws {
        #expect(!EvidenceBundle.isSafe(path))
        try await withFolder { folder in
            #expect(throws: EvidenceBundle.Failure.self) {
                try EvidenceBundle.write(
                    [.init(path: path, data: Data())], signedWith: SigningKey.generate(),
                    to: folder.appendingPathComponent("b.zip"))
            }
        }
    }

    @Test("what is not a zip is said to be so")
    func notAZip() async throws {
        try await withFolder { folder in
            let file = folder.appendingPathComponent("b.zip")
            try Data("not a zip".utf8).write(to: file)
            #expect(throws: EvidenceBundle.Failure.self) { try EvidenceBundle.verify(file, key: nil) }
        }
    }
}
