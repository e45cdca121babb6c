import DossierCore

/// Where the server keeps the team view's sign-in sessions (issue 18): only a session id's SHA-256 is stored, with the
/// user, the token selector they signed in with, and an expiry. A session ends when it expires, when its user signs out,
/// is revoked, or gets a new token. `SyncStore` refines it; both stores implement it (`+WebSessions` files).
public protocol WebSessionStore: Sendable {
    /// Stores a session of the user whose current token has `selector`, from `time` until `expiresAt` (ms).
    func createWebSession(idHash: String, selector: String, at time: Int64, expiresAt: Int64) async throws
    /// The member a live session belongs to: unexpired at `now`, its user not revoked and still holding the token it
    /// signed in with; nil otherwise.
    func webSession(idHash: String, now: Int64) async throws -> Member?
    /// Ends a session (sign-out); nothing when there is none.
    func deleteWebSession(idHash: String) async throws
}
