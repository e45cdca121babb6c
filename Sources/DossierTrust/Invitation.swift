import DossierCore
import Foundation

/// What an invitation tells a new replica: where the team server is, who the user is, the token, and the key that
/// signed it. Signed by the server's identity key so that a laptop with no network can trust it (SPEC §8.1).
public struct Invitation: Codable, Sendable, Equatable {
    /// The invitation format's version.
    public var version: Int = 1
    /// The team server's base URL.
    public var serverURL: String
    /// The team's name.
    public var team: String
    /// The user's name: the author of their changes.
    public var user: String
    /// The user's role.
    public var role: Role
    /// The bearer token.
    public var token: String
    /// The TLS public-key pin (`sha256//BASE64`) when the server serves TLS.
    public var pin: String?
    /// The signing server's identity public key, `ed25519:BASE64`.
    public var serverKey: String
    /// When the invitation stops being usable for a first contact (ISO 8601, UTC).
    public var expiresAt: String

    enum CodingKeys: String, CodingKey {
        case version, team, user, role, token, pin
        case serverURL = "server_url", serverKey = "server_key", expiresAt = "expires_at"
    }

    /// Creates an invitation.
    public init(serverURL: String, team: String, user: String, role: Role, token: String, pin: String?, serverKey: SigningPublicKey,
                expires: Date) {
        self.serverURL = serverURL
        self.team = team
        self.user = user
        self.role = role
        self.token = token
        self.pin = pin
        self.serverKey = serverKey.description
        self.expiresAt = Self.timestamp(expires)
    }

    /// The expiry as a date; nil when unreadable.
    public var expiryDate: Date? { ISO8601DateFormatter().date(from: expiresAt) }

    /// The bytes the signature covers: the invitation's canonical JSON.
    var signedBytes: Data { CanonicalJSON.encode(self) }

    /// A time as the invitation writes it.
    static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}

/// An invitation with its signature: the JSON document written to the invitation file.
public struct SignedInvitation: Codable, Sendable, Equatable {
    /// The invitation.
    public var invitation: Invitation
    /// The identity key's Ed25519 signature over the invitation's canonical JSON, in base64.
    public var signature: String

    /// Signs an invitation with the server's identity.
    public init(_ invitation: Invitation, signedBy identity: ServerIdentity) throws {
        precondition(invitation.serverKey == identity.publicKey.description, "an invitation names the key that signs it")
        self.invitation = invitation
        self.signature = try identity.signature(for: invitation.signedBytes).base64EncodedString()
    }

    /// The file's bytes: the canonical JSON, indented for people, with a final newline.
    public var fileBytes: Data { CanonicalJSON.encodePretty(self) + Data("\n".utf8) }

    /// Reads and checks an invitation file's bytes: whole, unaltered, signed by the key it names (and by `expectedKey`
    /// when given), not expired at `now`.
    public static func verified(_ bytes: Data, expectedKey: SigningPublicKey? = nil, now: Date = Date()) throws(InvitationError) -> Invitation {
        guard let signed = try? JSONDecoder().decode(SignedInvitation.self, from: bytes) else {
            throw .unreadable
        }
        let invitation = signed.invitation
        guard invitation.version == 1 else { throw .unsupportedVersion(invitation.version) }
        guard let key = SigningPublicKey(invitation.serverKey), let signature = Data(base64Encoded: signed.signature),
              key.isValidSignature(signature, for: invitation.signedBytes),
              trimmed(signed.fileBytes) == trimmed(bytes) else {
            throw .altered
        }
        if let expectedKey, expectedKey != key { throw .otherServer(expected: expectedKey.description) }
        guard let expiry = invitation.expiryDate else { throw .altered }
        guard expiry > now else { throw .expired(invitation.expiresAt) }
        return invitation
    }

    /// Bytes without the whitespace an editor may add or remove at the end.
    private static func trimmed(_ bytes: Data) -> Data {
        var end = bytes.endIndex
        while end > bytes.startIndex, [0x0A, 0x0D, 0x20, 0x09].contains(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        return bytes[bytes.startIndex..<end]
    }
}

/// Why an invitation cannot be used; each says what to do.
public enum InvitationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not JSON, truncated, or not an invitation.
    case unreadable
    /// A newer format than this version reads.
    case unsupportedVersion(Int)
    /// The signature does not match: changed after signing, or signed by another key than it names.
    case altered
    /// Signed by a valid key, but not the one the user was told to expect.
    case otherServer(expected: String)
    /// Past its expiry.
    case expired(String)

    public var description: String {
        switch self {
        case .unreadable:
            "the file is not a complete Dossier invitation (not JSON, truncated, or another kind of file)"
        case .unsupportedVersion(let version):
            "the invitation has format version \(version), which this dossier cannot read"
        case .altered:
            "the invitation's signature does not match its content: it was changed after the server signed it"
        case .otherServer(let expected):
            "the invitation was signed by another server's key than \(expected)"
        case .expired(let date):
            "the invitation expired at \(date)"
        }
    }

    /// What to do about it.
    public var hint: String {
        switch self {
        case .unsupportedVersion: "install the newer dossier your team uses"
        default: "ask your team admin for a new invitation ('dossier-server user reissue NAME --invite FILE')"
        }
    }
}
