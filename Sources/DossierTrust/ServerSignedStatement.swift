import DossierCore
import Foundation

/// A statement the team server signs with its identity key (a checkpoint, a device binding, a file's receipt): Ed25519
/// over its canonical JSON with `signature` empty, the signature in base64.
public protocol ServerSignedStatement: Encodable {
    /// The signature in base64; empty in the signed bytes.
    var signature: String { get set }
}

extension ServerSignedStatement {
    /// The bytes the signature covers.
    public var statementBytes: Data {
        var unsigned = self
        unsigned.signature = ""
        return CanonicalJSON.encode(unsigned)
    }

    /// The statement signed by the server's identity.
    public func signed(by identity: ServerIdentity) throws -> Self {
        var signed = self
        signed.signature = try identity.signature(for: statementBytes).base64EncodedString()
        return signed
    }

    /// Whether the server key `key` signed it.
    public func isSigned(by key: SigningPublicKey) -> Bool {
        guard let signature = Data(base64Encoded: signature) else { return false }
        return key.isValidSignature(signature, for: statementBytes)
    }
}
