import DossierCore
import Foundation
import GRDB

/// The default store: one SQLite file in WAL mode, through GRDB.
public struct SQLiteStore: SyncStore {
    /// The pool: one writer, concurrent readers.
    let pool: DatabasePool

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
            let row = try TeamRow(id: nil, name: name, lastSeq: 0, createdAt: Self.now()).inserted(db)
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
                               tokenHash: credential.hash, createdAt: Self.now(), revokedAt: nil)
            try user.insert(db)
            return Member(name: name, teamID: teamRow.id!, team: team, role: role)
        }
    }

    public func revokeUser(named name: String) async throws {
        try await pool.write { db in
            let count = try UserRow.filter(UserRow.Columns.name == name && UserRow.Columns.revokedAt == nil)
                .updateAll(db, UserRow.Columns.revokedAt.set(to: Self.now()))
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

    public func push(_ changes: [Change], team: Int64, receivedAt: Int64) async throws -> [PushOutcome] {
        try await pool.write { db in
            guard var teamRow = try TeamRow.fetchOne(db, key: team) else { throw StoreError.notFound("team") }
            let ids = changes.map(\.id.description)
            var stored: [String: String] = [:]
            for row in try ChangeRow.filter(ChangeRow.Columns.teamID == team && ids.contains(ChangeRow.Columns.changeID)).fetchAll(db) {
                stored[row.changeID] = row.body
            }
            var current: [RecordKey: RecordState] = [:]
            for key in PushPlan.keys(of: changes) {
                let row = try RecordRow.fetchOne(db, key: ["team_id": team, "entity": key.entity.rawValue, "id": key.id])
                if let row { current[key] = try StoredJSON.decodeState(row.state) }
            }
            let plan = PushPlan(changes: changes, lastSeq: teamRow.lastSeq, stored: stored, current: current)
            for row in plan.rows {
                try ChangeRow(teamID: team, seq: row.seq, changeID: row.change.id.description, entity: row.change.entity.rawValue,
                              record: row.change.record, author: row.change.author, body: row.body, receivedAt: receivedAt).insert(db)
            }
            for (key, state) in plan.records {
                try RecordRow(teamID: team, entity: key.entity.rawValue, id: key.id, state: StoredJSON.encode(state),
                              updatedSeq: plan.lastSeq).upsert(db)
            }
            teamRow.lastSeq = plan.lastSeq
            try teamRow.update(db)
            return plan.outcomes
        }
    }

    public func pull(team: Int64, after: Int64, limit: Int) async throws -> PullPage {
        let rows = try await pool.read { db in
            try ChangeRow.filter(ChangeRow.Columns.teamID == team && ChangeRow.Columns.seq > after)
                .order(ChangeRow.Columns.seq).limit(limit).fetchAll(db)
        }
        let changes = try rows.map { try StoredJSON.decodeChange($0.body) }
        return PullPage(changes: changes, next: rows.last?.seq ?? after, more: rows.count == limit)
    }

    public func snapshot(team: Int64, after: String?, limit: Int) async throws -> SnapshotPage {
        let start = after.flatMap(PushPlan.key(from:))
        let (rows, cursor) = try await pool.read { db in
            let cursor = try TeamRow.fetchOne(db, key: team)?.lastSeq ?? 0
            var request = RecordRow.filter(RecordRow.Columns.teamID == team)
            if let start {
                request = request.filter(RecordRow.Columns.entity > start.entity.rawValue
                    || (RecordRow.Columns.entity == start.entity.rawValue && RecordRow.Columns.id > start.id))
            }
            return (try request.order(RecordRow.Columns.entity, RecordRow.Columns.id).limit(limit).fetchAll(db), cursor)
        }
        let records = try rows.map { try StoredJSON.decodeState($0.state) }
        let next = rows.count == limit ? records.last.map { PushPlan.text(of: $0.key) } : nil
        return SnapshotPage(records: records, cursor: cursor, nextAfter: next)
    }

    public func head(team: Int64) async throws -> Int64 {
        try await pool.read { db in try TeamRow.fetchOne(db, key: team)?.lastSeq ?? 0 }
    }

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
