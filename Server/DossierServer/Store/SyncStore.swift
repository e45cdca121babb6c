import DossierCore
import DossierTrust

/// Where the server keeps teams, users, the change log and the materialised state.
/// One contract, two implementations: `SQLiteStore` (the default) and `PostgresStore`.
public protocol SyncStore: StoreHealth, AccountStore, BlobStore, DeviceStore, WebSessionStore, TeamViewStore {
    /// Creates or upgrades the schema.
    func migrate() async throws
    /// Runs a push's steps (`SyncStore.push` is written once above them): in one transaction, or serialised and
    /// checked at commit.
    func withPushSteps<T: Sendable>(_ body: @Sendable (any PushSteps) async throws -> T) async throws -> T
    /// The changes after a cursor, at most `limit`, in log order, as stored.
    func log(team: Int64, after: Int64, limit: Int) async throws -> PullPage
    /// A page of the materialised state as stored, in key order after `after` (`entity/id`).
    func snapshot(team: Int64, after: String?, limit: Int) async throws -> SnapshotPage
    /// The team's latest log position.
    func head(team: Int64) async throws -> Int64
    /// The chain's hashes of the entries after `after`, at most `limit`, in log order, each with its position.
    func entryHashes(team: Int64, after: Int64, limit: Int) async throws -> [LogEntryHash]
    /// The chain's hash after the last entry at or before position `size` (`TeamLog.emptyHead` when there is none).
    func chainHash(team: Int64, at size: Int64) async throws -> LogHash
    /// Derives every team's hash chain from its stored changes and stores it where the stored hashes disagree
    /// (`LogRehash`); returns the teams whose log was changed behind the server. The server runs it before it listens.
    func rehashLog() async throws -> [LogRepair]
}

/// A team.
public struct Team: Sendable, Equatable, Codable {
    /// The store's id.
    public var id: Int64
    /// The team's unique name.
    public var name: String
}

/// An authenticated user: who, in which team, with which role.
public struct Member: Sendable, Equatable {
    /// The user's unique name: the author of their changes.
    public var name: String
    /// The team's id.
    public var teamID: Int64
    /// The team's name.
    public var team: String
    /// The role.
    public var role: Role
}

/// A token as stored: a public selector to find it, the SHA-256 of its secret part, and for an invitation's token the
/// time (ms) by which it must be first used.
public struct StoredCredential: Sendable, Equatable {
    /// Looked up in clear.
    public var selector: String
    /// Hex SHA-256 of the secret; compared in constant time.
    public var hash: String
    /// An invitation's expiry: the token is refused if first used after it.
    public var firstUseBy: Int64?
}

/// What a store did with one change of a push.
public enum PushOutcome: Sendable, Equatable {
    /// Stored now, at this log position.
    case accepted(seq: Int64)
    /// Stored before with the same content.
    case alreadyHad
    /// Stored before with different content under the same id.
    case idReused
}

/// Failures a store reports in its own words; anything else is an internal error.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// The name is taken.
    case exists(String)
    /// No such thing.
    case notFound(String)

    public var description: String {
        switch self {
        case .exists(let what): "\(what) already exists"
        case .notFound(let what): "\(what) does not exist"
        }
    }
}
