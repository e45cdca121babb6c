import DossierCore
import Foundation
import GRDB

/// The default store: one SQLite file in WAL mode, through GRDB.
public struct SQLiteStore: SyncStore {
    /// The pool: one writer, concurrent readers.
    let pool: DatabasePool
    /// Pushes in this process take turns; a push from another process is caught at commit.
    let pushLock = AsyncLock()

    /// Opens (creating if needed) the store at a path; call `migrate()` before use.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
    }

    public func migrate() async throws {
        try Self.migrator.migrate(pool)
    }

    public func addTeam(named name: String) async throws -> Team {
        try await pool.write { db in
            guard try TeamRow.filter(TeamRow.Columns.name == name).fetchOne(db) == nil else { throw StoreError.exists("team '\(name)'") }
            let row = try TeamRow(id: nil, name: name, lastSeq: 0, createdAt: StoreClock.now()).inserted(db)
            return Team(id: row.id!, name: name)
        }
    }

    public func addUser(named name: String, team: String, role: Role, credential: StoredCredential) async throws -> Member {
        try await pool.write { db in
            guard let teamRow = try TeamRow.filter(TeamRow.Columns.name == team).fetchOne(db) else {
                throw StoreError.notFound("team '\(team)'")
            }
            guard try UserRow.filter(UserRow.Columns.name == name).fetchOne(db) == nil else { throw StoreError.exists("user '\(name)'") }
            var user = UserRow(id: nil, name: name, teamID: teamRow.id!, role: role.rawValue, tokenSelector: credential.selector,
                               tokenHash: credential.hash, createdAt: StoreClock.now(), revokedAt: nil)
            try user.insert(db)
            return Member(name: name, teamID: teamRow.id!, team: team, role: role)
        }
    }

    public func revokeUser(named name: String) async throws {
        try await pool.write { db in
            let count = try UserRow.filter(UserRow.Columns.name == name && UserRow.Columns.revokedAt == nil)
                .updateAll(db, UserRow.Columns.revokedAt.set(to: StoreClock.now()))
            guard count == 1 else { throw StoreError.notFound("active user '\(name)'") }
        }
    }

    public func credential(selector: String) async throws -> (member: Member, hash: String)? {
        try await pool.read { db in
            guard let user = try UserRow.filter(UserRow.Columns.tokenSelector == selector && UserRow.Columns.revokedAt == nil).fetchOne(db),
                  let team = try TeamRow.fetchOne(db, key: user.teamID), let role = Role(rawValue: user.role)
            else { return nil }
            return (Member(name: user.name, teamID: user.teamID, team: team.name, role: role), user.tokenHash)
        }
    }

    public func withPushSteps<T: Sendable>(_ body: @Sendable (any PushSteps) async throws -> T) async throws -> T {
        try await pushLock.withLock { try await body(SQLitePushSteps(pool: pool)) }
    }

    public func log(team: Int64, after: Int64, limit: Int) async throws -> PullPage {
        try await pool.read { db in
            let statement = try db.cachedStatement(sql: "SELECT seq, body FROM changes WHERE team_id = ? AND seq > ? ORDER BY seq LIMIT ?")
            var bodies: [String] = []
            bodies.reserveCapacity(limit)
            var next = after
            let cursor = try Row.fetchCursor(statement, arguments: [team, after, limit])
            while let row = try cursor.next() {
                next = row[0]
                bodies.append(row[1])
            }
            return PullPage(bodies: bodies, next: next, more: bodies.count == limit)
        }
    }

    public func snapshot(team: Int64, after: String?, limit: Int) async throws -> SnapshotPage {
        let start = after.flatMap(SnapshotPage.key(after:))
        return try await pool.read { db in
            let cursor = try TeamRow.fetchOne(db, key: team)?.lastSeq ?? 0
            // A row-value comparison walks the primary key from the cursor instead of from the team's first record.
            let statement = try db.cachedStatement(sql: """
                SELECT entity, id, state FROM records WHERE team_id = ? AND (entity, id) > (?, ?) ORDER BY entity, id LIMIT ?
                """)
            var states: [[UInt8]] = []
            var last: (entity: String, id: String)?
            let rows = try Row.fetchCursor(statement, arguments: [team, start?.entity.rawValue ?? "", start?.id ?? "", limit])
            while let row = try rows.next() {
                last = (row[0], row[1])
                states.append(Array(row[2] as Data))
            }
            let lastKey = last.flatMap { last in EntityKind(rawValue: last.entity).map { RecordKey(entity: $0, id: last.id) } }
            return SnapshotPage.reading(states: states, lastKey: lastKey, cursor: cursor, limit: limit)
        }
    }

    public func head(team: Int64) async throws -> Int64 {
        try await pool.read { db in try TeamRow.fetchOne(db, key: team)?.lastSeq ?? 0 }
    }

}
