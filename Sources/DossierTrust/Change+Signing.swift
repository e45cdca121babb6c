import Crypto
import DossierCore
import Foundation

/// A replica's chain of signed changes (SPEC §8.2): each change names the hash of the same replica's previous change,
/// and its device signs its canonical JSON without `sig`, so the id, author, content and place in the chain are all
/// covered: a change cannot be altered, replayed under another id, dropped or reordered without a signature failing.
public enum ChangeChain {
    /// `prev` of a replica's first change: 64 zeros.
    public static let start = String(repeating: "0", count: 64)

    /// The hash a change's successor names: SHA-256 of its canonical body, in hex.
    public static func hash(ofBody body: String) -> String {
        SHA256.hash(data: Array(body.utf8)).hexText
    }
}

extension Change {
    /// The bytes its device signs: its canonical JSON without `sig` (with `prev`).
    public var signedBytes: Data {
        var unsigned = self
        unsigned.sig = nil
        return CanonicalJSON.encode(unsigned)
    }

    /// The change chained after the change hashed `previous` and signed by `key`.
    public func signed(by key: DeviceKey, after previous: String) throws -> Change {
        var change = self
        change.prev = previous
        change.sig = nil
        change.sig = try key.signature(for: change.signedBytes).base64EncodedString()
        return change
    }

    /// True when `key` signed it (a change without a signature is signed by no one).
    public func isSigned(by key: SigningPublicKey) -> Bool {
        guard let sig, let signature = Data(base64Encoded: sig), signature.count == 64 else { return false }
        return key.isValidSignature(signature, for: signedBytes)
    }
}
