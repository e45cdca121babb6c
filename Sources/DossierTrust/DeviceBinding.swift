import DossierCore
import Foundation

/// The team server's signed statement that a device key belongs to a user's replica (SPEC §8.2): what lets anyone with
/// the server's public key check who signed a change, and whether the key was revoked and after which log entry.
public struct DeviceBinding: Codable, Sendable, Equatable, ServerSignedStatement {
    /// The team.
    public var team: String
    /// The user the key belongs to: the author of every change it signs.
    public var user: String
    /// The replica id the key signs for.
    public var replica: String
    /// The public key, `ed25519:BASE64`.
    public var key: String
    /// When the server bound it (ISO 8601, UTC).
    public var boundAt: String
    /// For a revoked key: the last log entry before the revocation; changes it signed after that are not valid.
    public var revokedAfter: Int64?
    /// The server's Ed25519 signature (base64) over the canonical JSON with `signature` empty.
    public var signature: String

    enum CodingKeys: String, CodingKey {
        case team, user, replica, key, signature
        case boundAt = "bound_at", revokedAfter = "revoked_after"
    }

    /// An unsigned binding.
    public init(team: String, user: String, replica: String, key: String, boundAt: String, revokedAfter: Int64?) {
        (self.team, self.user, self.replica, self.key, self.boundAt, self.revokedAfter, self.signature) =
            (team, user, replica, key, boundAt, revokedAfter, "")
    }

    /// The device's public key, if readable.
    public var publicKey: SigningPublicKey? { SigningPublicKey(key) }

    /// Why a change at log position `seq` does not verify under this binding, or nil when it does: its author is the
    /// binding's user, the key signed it, and the key was not revoked before it.
    public func refusal(of change: Change, at seq: Int64?) -> String? {
        guard change.author == user else { return "it is authored as \(change.author), but its device belongs to \(user)" }
        guard let publicKey, change.isSigned(by: publicKey) else { return "its signature is not its device's over its content" }
        if let revokedAfter, let seq, seq > revokedAfter {
            return "its device was revoked after entry \(revokedAfter)"
        }
        return nil
    }
}

/// `POST /v1/devices`: the replica's id and its device key's public half, bound to the token's user.
public struct DeviceRequest: Codable, Sendable, Equatable {
    /// The replica id.
    public var replica: String
    /// The public key, `ed25519:BASE64`.
    public var key: String

    /// Creates one.
    public init(replica: String, key: String) {
        (self.replica, self.key) = (replica, key)
    }
}

/// `GET /v1/devices`: every device of the team, each binding signed by the server.
public struct DevicesReply: Codable, Sendable, Equatable {
    /// The bindings, by user then replica.
    public var devices: [DeviceBinding]

    /// Creates one.
    public init(devices: [DeviceBinding]) {
        self.devices = devices
    }
}
