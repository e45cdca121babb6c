import DossierCore
import DossierTrust

/// Where the server keeps its teams, users, tokens and its own identity: the part of a store the admin commands and
/// the authenticator use. `SyncStore` refines it; both stores implement it (`+Accounts` files).
public protocol AccountStore: Sendable {
    /// Adds a team; fails with `StoreError.exists` if the name is taken.
    func addTeam(named name: String) async throws -> Team
    /// Adds a user to a team with a hashed credential; fails if the name is taken or the team unknown.
    func addUser(named name: String, team: String, role: Role, credential: StoredCredential) async throws -> Member
    /// Revokes a user's token; fails with `StoreError.notFound` if there is no such active user.
    func revokeUser(named name: String) async throws
    /// Retires the user's token (a revoked user comes back) and gives them `credential`; fails if there is no such user.
    func reissueUser(named name: String, credential: StoredCredential) async throws -> Member
    /// The user a token selector belongs to (its current or a retired token), with the stored hash to compare.
    func credential(selector: String) async throws -> CredentialRecord?
    /// Notes an authenticated request at `time` (ms): the token is confirmed (its first-use deadline lifted) and
    /// `last seen` moves, at most once a minute.
    func recordUse(userID: Int64, at time: Int64) async throws
    /// Every user, of one team or all, by team then name.
    func users(team: String?) async throws -> [UserListing]
    /// Every team, by name, with its number of users, its files' bytes and its quota.
    func teams() async throws -> [TeamListing]
    /// Sets (or, with nil, lifts) a team's quota for evidence files in bytes; fails with `StoreError.notFound`.
    func setQuota(team name: String, bytes: Int64?) async throws
    /// The store's identity, stored from `candidate` if it has none yet (so concurrent servers agree on one).
    func identity(storing candidate: ServerIdentity) async throws -> ServerIdentity
    /// A remembered server setting, if any.
    func setting(_ name: ServerSetting) async throws -> String?
    /// Remembers (or, with nil, forgets) a server setting.
    func remember(_ name: ServerSetting, _ value: String?) async throws
}

extension AccountStore {
    /// The store's identity, made on first use.
    public func identity() async throws -> ServerIdentity { try await identity(storing: .generate()) }
}

/// What a server remembers between runs for the invitations it writes.
public enum ServerSetting: String, Sendable, CaseIterable {
    /// The URL researchers reach the server at (`serve --public-url`).
    case publicURL = "public_url"
    /// Where `serve` last listened (`http://127.0.0.1:8080`): the fallback for invitations when no public URL is known.
    case listenURL = "listen_url"
    /// The TLS public-key pin of the certificate the server last served (`sha256//BASE64`).
    case tlsPin = "tls_pin"
}

/// A presented token's user and where the token stands.
public struct CredentialRecord: Sendable, Equatable {
    /// The store's id of the user.
    public var userID: Int64
    /// The user.
    public var member: Member
    /// Hex SHA-256 of the token's secret.
    public var hash: String
    /// Whether the token may be used.
    public var standing: Standing
    /// When the user last made an authenticated request (ms), if ever.
    public var lastSeenAt: Int64?

    /// Where a token stands.
    public enum Standing: Sendable, Equatable {
        /// Usable; an unused invitation's token must be first used before `firstUseBy` (ms).
        case active(firstUseBy: Int64?)
        /// The user was revoked at this time (ms).
        case revoked(at: Int64)
        /// A newer token replaced this one at this time (ms): `user reissue`.
        case replaced(at: Int64)
    }

    /// Creates a record.
    public init(userID: Int64, member: Member, hash: String, standing: Standing, lastSeenAt: Int64?) {
        self.userID = userID
        self.member = member
        self.hash = hash
        self.standing = standing
        self.lastSeenAt = lastSeenAt
    }
}

/// A user as `dossier-server user list` shows them.
public struct UserListing: Sendable, Equatable, Codable {
    /// The user's name.
    public var name: String
    /// The team's name.
    public var team: String
    /// The role.
    public var role: Role
    /// When the user was added (ms).
    public var createdAt: Int64
    /// When they were revoked (ms), if they are.
    public var revokedAt: Int64?
    /// When they last made an authenticated request (ms), if ever.
    public var lastSeenAt: Int64?
}

/// A team as `dossier-server team list` shows it.
public struct TeamListing: Sendable, Equatable, Codable {
    /// The team's name.
    public var name: String
    /// How many users it has (revoked ones included).
    public var members: Int
    /// When it was added (ms).
    public var createdAt: Int64
    /// The bytes its evidence files take on the server (partial uploads at their full size).
    public var blobBytes: Int64 = 0
    /// Its quota for evidence files in bytes; nil: none.
    public var quota: Int64?
}

extension CredentialRecord {
    /// How often `last seen` moves at most.
    public static let lastSeenResolution: Int64 = 60_000
}
