import Crypto
import Foundation

/// A team server's identity: an Ed25519 key pair made once per store. It signs invitations (and, later, log checkpoints);
/// only its public half ever leaves the store, as text of the form `ed25519:BASE64`.
public struct ServerIdentity: Sendable {
    /// The private half, kept in the store.
    let privateKey: Curve25519.Signing.PrivateKey

    /// A new random identity.
    public static func generate() -> ServerIdentity { ServerIdentity(privateKey: Curve25519.Signing.PrivateKey()) }

    /// The identity whose private half the store kept as raw bytes; nil when they are not an Ed25519 private key.
    public init?(storedPrivateKey: Data) {
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: storedPrivateKey) else { return nil }
        privateKey = key
    }

    private init(privateKey: Curve25519.Signing.PrivateKey) {
        self.privateKey = privateKey
    }

    /// The raw private key, for the store only.
    public var storedPrivateKey: Data { privateKey.rawRepresentation }

    /// The public half.
    public var publicKey: SigningPublicKey { SigningPublicKey(key: privateKey.publicKey) }

    /// An Ed25519 signature over `bytes`.
    public func signature(for bytes: Data) throws -> Data { try privateKey.signature(for: bytes) }
}

/// A server's identity public key, written `ed25519:BASE64` (the raw 32-byte key) wherever people compare it.
public struct SigningPublicKey: Sendable, Equatable, CustomStringConvertible {
    /// The key.
    let key: Curve25519.Signing.PublicKey

    /// Reads the text form; nil when it is not `ed25519:` followed by a 32-byte key in base64.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix(Self.prefix), let raw = Data(base64Encoded: String(trimmed.dropFirst(Self.prefix.count))),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return nil }
        self.key = key
    }

    init(key: Curve25519.Signing.PublicKey) {
        self.key = key
    }

    private static let prefix = "ed25519:"

    /// The text form.
    public var description: String { Self.prefix + key.rawRepresentation.base64EncodedString() }

    /// True when `signature` is this key's signature over `bytes`.
    public func isValidSignature(_ signature: Data, for bytes: Data) -> Bool {
        key.isValidSignature(signature, for: bytes)
    }

    public static func == (lhs: SigningPublicKey, rhs: SigningPublicKey) -> Bool {
        lhs.key.rawRepresentation == rhs.key.rawRepresentation
    }
}
