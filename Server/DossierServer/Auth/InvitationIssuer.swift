import DossierCore
import DossierTrust
import Foundation

/// Writes a user's invitation: the server's address, the user, the token, the TLS pin the store remembers and the
/// identity key's public half, signed by that key (SPEC §8.1).
public struct InvitationIssuer: Sendable {
    /// The server URL the invitation names.
    public let serverURL: String
    /// How long the invitation may wait for its first use, in seconds.
    public let lifetime: TimeInterval

    /// An issuer for a URL (nil: the `serve --public-url` the store remembers, else where `serve` last listened) and a lifetime.
    public init(serverURL: String?, lifetime: TimeInterval, store: any AccountStore) async throws {
        let remembered = serverURL == nil ? try await store.setting(.publicURL) : nil
        let listened = serverURL == nil && remembered == nil ? try await store.setting(.listenURL) : nil
        guard let url = serverURL ?? remembered ?? listened else { throw InvitationIssuerError.noServerURL }
        self.serverURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        self.lifetime = lifetime
    }

    /// When an invitation made now expires, in ms (the token's first-use deadline).
    public func firstUseBy() -> Int64 { StoreClock.now() + Int64(lifetime * 1000) }

    /// The signed invitation for `member` with `token`, expiring at `firstUseBy` (ms).
    public func invitation(for member: Member, token: String, firstUseBy: Int64, store: any AccountStore) async throws -> SignedInvitation {
        let identity = try await store.identity()
        let invitation = Invitation(serverURL: serverURL, team: member.team, user: member.name, role: member.role, token: token,
                                    pin: try await store.setting(.tlsPin), serverKey: identity.publicKey,
                                    expires: Date(timeIntervalSince1970: Double(firstUseBy) / 1000))
        return try SignedInvitation(invitation, signedBy: identity)
    }
}

/// Why no invitation can be written.
public enum InvitationIssuerError: Error, CustomStringConvertible {
    /// Neither `--server-url` nor a remembered `serve --public-url`.
    case noServerURL

    public var description: String {
        "an invitation needs the address researchers reach the server at: pass --server-url URL, or run 'dossier-server serve --public-url URL' once"
    }
}
