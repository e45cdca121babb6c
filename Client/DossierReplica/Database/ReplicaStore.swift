import DossierCore
import GRDB

/// The replica's reads and writes inside one transaction of `ReplicaDatabase`, each a named method: with the
/// schema, the only SQL of the replica. `Replica` composes them into its operations.
struct ReplicaStore {
    /// The open transaction's connection.
    let db: Database
    /// The file's path, for errors.
    let path: String

    /// The replica's state row; a file without one was never initialised.
    func replicaState() throws -> ReplicaStateRecord {
        // A cached statement: a sync reads this row several times, and preparing it each time showed in the profile.
        let statement = try db.cachedStatement(sql: "SELECT * FROM replica_state WHERE id = 1")
        guard let state = try ReplicaStateRecord.fetchOne(statement) else { throw ReplicaError.notInitialised(path: path) }
        return state
    }

    /// True when the file holds a replica's state row.
    func isInitialised() throws -> Bool {
        try ReplicaStateRecord.exists(db, key: 1)
    }

    /// Stores the state row of a new replica.
    func insertReplicaState(_ state: ReplicaStateRecord) throws {
        try state.insert(db)
    }

    /// Changes the state row; only the columns `modify` changed are written.
    func updateReplicaState(_ modify: (inout ReplicaStateRecord) throws -> Void) throws {
        var state = try replicaState()
        try state.updateChanges(db, modify: modify)
    }
}
