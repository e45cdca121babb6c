import GRDB

/// A row of `teams`.
struct TeamRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "teams"
    var id: Int64?
    var name: String
    var lastSeq: Int64
    var createdAt: Int64

    enum CodingKeys: String, CodingKey {
        case id, name
        case lastSeq = "last_seq", createdAt = "created_at"
    }

    /// Column names for queries.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
        static let lastSeq = Column(CodingKeys.lastSeq)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `users`.
struct UserRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "users"
    var id: Int64?
    var name: String
    var teamID: Int64
    var role: String
    var tokenSelector: String
    var tokenHash: String
    var createdAt: Int64
    var revokedAt: Int64?
    var tokenExpiresAt: Int64?
    var lastSeenAt: Int64?

    enum CodingKeys: String, CodingKey {
        case id, name, role
        case teamID = "team_id", tokenSelector = "token_selector", tokenHash = "token_hash"
        case createdAt = "created_at", revokedAt = "revoked_at", tokenExpiresAt = "token_expires_at", lastSeenAt = "last_seen_at"
    }

    /// Column names for queries.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
        static let teamID = Column(CodingKeys.teamID)
        static let tokenSelector = Column(CodingKeys.tokenSelector)
        static let revokedAt = Column(CodingKeys.revokedAt)
        static let tokenExpiresAt = Column(CodingKeys.tokenExpiresAt)
        static let lastSeenAt = Column(CodingKeys.lastSeenAt)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `retired_tokens`: a token `user reissue` replaced.
struct RetiredTokenRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "retired_tokens"
    var tokenSelector: String
    var userID: Int64
    var tokenHash: String
    var retiredAt: Int64

    enum CodingKeys: String, CodingKey {
        case tokenSelector = "token_selector", userID = "user_id", tokenHash = "token_hash", retiredAt = "retired_at"
    }
}
