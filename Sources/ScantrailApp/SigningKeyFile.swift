import Foundation
import ScantrailReports

#if canImport(Glibc)
    import Glibc
#endif

/// Where the installation's signing key is kept: `$SCANTRAIL_SIGNING_KEY` (the PEM itself, or a
/// path to it — handy for CI secrets), else `signing-key.pem` in Scantrail's data folder
/// (`$XDG_DATA_HOME/scantrail`, beside the default database), readable by its owner only.
public enum SigningKeyFile {
    /// The default key file.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let dataHome =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/share")
        return (dataHome as NSString).appendingPathComponent("scantrail/signing-key.pem")
    }

    /// The installation's key, or `nil` when none is set up.
    ///
    /// - Throws: ``AppError`` when one is named but cannot be read.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SigningKey? {
        let configured = environment["SCANTRAIL_SIGNING_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        if let configured, configured.contains("-----BEGIN") {
            return try key(configured, source: "$SCANTRAIL_SIGNING_KEY")
        }
        let path = configured ?? defaultPath(environment: environment)
        guard FileManager.default.fileExists(atPath: path) else {
            if configured != nil { throw AppError.invalid("the signing key \(path) does not exist") }
            return nil
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw AppError.invalid("cannot read the signing key \(path)")
        }
        return try key(text, source: path)
    }

    /// Makes a new key at `path` (default: ``defaultPath(environment:)``), with owner-only
    /// permissions, and returns it.
    ///
    /// - Throws: ``AppError`` when a key is already there (it is never overwritten) or the file
    ///   cannot be written.
    public static func create(at path: String) throws -> SigningKey {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw AppError.invalid("a signing key already exists at \(path); it is never overwritten")
        }
        let folder = (path as NSString).deletingLastPathComponent
        let key = SigningKey.generate()
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw AppError.invalid("cannot create folder \(folder): \(error.localizedDescription)")
        }
        // Created with 0600 from the start: never readable by others, not even for a moment.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw AppError.invalid("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data(key.pem.utf8))
            try handle.close()
        } catch {
            throw AppError.invalid("cannot write \(path): \(error.localizedDescription)")
        }
        return key
    }

    private static func key(_ pem: String, source: String) throws -> SigningKey {
        do {
            return try SigningKey(pem: pem, source: source)
        } catch {
            throw AppError.invalid(error.description)
        }
    }
}
