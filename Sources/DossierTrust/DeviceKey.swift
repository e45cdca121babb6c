import Crypto
import Foundation

/// A replica's device key (SPEC §8.2): an Ed25519 key pair made when the replica is made. Its private half stays in a
/// file beside the replica (`REPLICA-device-key`, mode 0600, the raw 32 bytes); its public half is bound to the user and
/// replica id on the team server at the first sync, and signs every change the replica makes.
public struct DeviceKey: Sendable {
    private let privateKey: Curve25519.Signing.PrivateKey

    /// The key kept at `path`, made there first (mode 0600, never replaced) when the file does not exist.
    public static func loadOrCreate(at path: String) throws -> DeviceKey {
        if let key = try load(at: path) { return key }
        let key = DeviceKey(privateKey: Curve25519.Signing.PrivateKey())
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            // Another process made it first: use theirs.
            if code == EEXIST, let made = try load(at: path) { return made }
            throw DeviceKeyError(path: path, reason: String(cString: strerror(code)))
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: key.privateKey.rawRepresentation)
        try handle.synchronize()
        return key
    }

    /// The key kept at `path`, or nil when there is no file; throws for a file that is not a device key.
    public static func load(at path: String) throws -> DeviceKey? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: bytes) else {
            throw DeviceKeyError(path: path, reason: "it does not hold an Ed25519 private key")
        }
        return DeviceKey(privateKey: key)
    }

    /// A key held only in memory (tests and tools that sign as a made-up device).
    public static func generate() -> DeviceKey { DeviceKey(privateKey: Curve25519.Signing.PrivateKey()) }

    private init(privateKey: Curve25519.Signing.PrivateKey) {
        self.privateKey = privateKey
    }

    /// The public half, as the server binds it.
    public var publicKey: SigningPublicKey { SigningPublicKey(key: privateKey.publicKey) }

    /// An Ed25519 signature over `bytes`.
    func signature(for bytes: Data) throws -> Data { try privateKey.signature(for: bytes) }
}

/// A device key file that cannot be read or made; the key itself never appears in the message.
public struct DeviceKeyError: Error, CustomStringConvertible {
    /// The file.
    public var path: String
    /// Why.
    public var reason: String

    public var description: String { "the device key \(path) cannot be used: \(reason)" }
}
