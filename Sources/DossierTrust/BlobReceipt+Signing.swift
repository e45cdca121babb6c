import DossierCore
import Foundation

extension BlobReceipt {
    /// The receipt signed by the server's identity key.
    public func signed(by identity: ServerIdentity) throws -> BlobReceipt {
        var signed = self
        signed.signature = try identity.signature(for: signedBytes).base64EncodedString()
        return signed
    }

    /// Whether the signature is `key`'s over this receipt.
    public func isSigned(by key: SigningPublicKey) -> Bool {
        guard let signature = Data(base64Encoded: signature) else { return false }
        return key.isValidSignature(signature, for: signedBytes)
    }
}
