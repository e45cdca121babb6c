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

    enum CodingKeys: String, CodingKey {
        case id, name, role
        case teamID = "team_id", tokenSelector = "token_selector", tokenHash = "token_hash"
        case createdAt = "created_at", revokedAt = "revoked_at"
    }

    /// Column names for queries.
    enum Columns {
        static let name = Column(CodingKeys.name)
        static let tokenSelector = Column(CodingKeys.tokenSelector)
        static let revokedAt = Column(CodingKeys.revokedAt)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
